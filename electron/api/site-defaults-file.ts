// SPDX-License-Identifier: Apache-2.0
// The shape of playbooks/site/defaults.yaml, shared by the backend (which applies the defaults)
// and the renderer (which shows them as placeholders). Types only.

type Obj = Record<string, unknown>;

/** playbooks/site/defaults.yaml: common defaults, one section per CiaB type, and whole-object keys. */
export interface SiteDefaultsFile {
  whole: string[];
  when_given: Record<string, Obj>;
  common: Obj;
  sandbox: Obj;
  edge: Obj;
  kubernetes: Obj;
}
