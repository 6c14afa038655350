// SPDX-License-Identifier: Apache-2.0
// The public face of hardware evaluation: load the profiles, evaluate a report against one,
// apply waivers, summarise, and copy the result as Markdown or JSON.
export { evaluateProfile, sortChecks } from './evaluate-profile.js';
export { loadCatalogue, profilesDir } from './load-catalogue.js';
export { loadProfileFile, loadProfiles } from './load-profiles.js';
export { ProfileError } from './profile-error.js';
export { reportToJson } from './report-json.js';
export { reportToMarkdown } from './report-markdown.js';
export { applyWaivers, countChecks, isWaivable, summarizeChecks } from './summarize-checks.js';
export { scsInsecurity } from './kinds/cpu-vulnerabilities.js';
export type { CheckKind, HardwareProfile, ProfileCheck, Severity } from './generated-profile-types.js';
