// SPDX-License-Identifier: Apache-2.0
// The simulated hardware scenarios (playbooks/sim/hardware): their ids, titles and raw probe output.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { schemasDir } from '../../api/schema-files.js';

/** Ids of the simulated servers; `good` is the default. */
export const SIM_HARDWARE_IDS = ['good', 'small-dirty', 'vm-no-nested'] as const;

/** One simulated server's id. */
export type SimHardwareId = (typeof SIM_HARDWARE_IDS)[number];

/** What the UI and CLI show to pick a simulated server. */
export interface SimHardwareScenario {
  id: SimHardwareId;
  title: string;
  summary: string;
}

interface ScenarioFile {
  scenarios: (SimHardwareScenario & { probe: string })[];
}

/** Folder of the scenario data files. */
export function simHardwareDir(): string {
  return path.join(path.dirname(schemasDir()), 'playbooks', 'sim', 'hardware');
}

let cached: ScenarioFile | null = null;

function load(): ScenarioFile {
  if (cached) return cached;
  const data = JSON.parse(readFileSync(path.join(simHardwareDir(), 'scenarios.json'), 'utf8')) as ScenarioFile;
  const ids = data.scenarios.map((s) => s.id);
  // The ids are also a TypeScript type; the data file and the code must name the same set.
  if (ids.length !== SIM_HARDWARE_IDS.length || !SIM_HARDWARE_IDS.every((id) => ids.includes(id))) {
    throw new Error(`playbooks/sim/hardware/scenarios.json lists ${ids.join(', ')}; expected ${SIM_HARDWARE_IDS.join(', ')}`);
  }
  cached = data;
  return data;
}

/** The simulated servers, in display order. */
export function listSimHardware(): SimHardwareScenario[] {
  return load().scenarios.map(({ id, title, summary }) => ({ id, title, summary }));
}

/** Is this string one of the scenario ids? */
export function isSimHardwareId(v: unknown): v is SimHardwareId {
  return typeof v === 'string' && (SIM_HARDWARE_IDS as readonly string[]).includes(v);
}

/** The scenario's probe output exactly as the script would print it (comment header removed). */
export function simProbeOutput(id: SimHardwareId): string {
  const entry = load().scenarios.find((s) => s.id === id);
  if (!entry) throw new Error(`unknown simulated hardware "${id}"`);
  const text = readFileSync(path.join(simHardwareDir(), entry.probe), 'utf8');
  const begin = text.indexOf('@@ciab-probe:begin:');
  if (begin < 0) throw new Error(`${entry.probe} has no begin marker`);
  return text.slice(begin);
}
