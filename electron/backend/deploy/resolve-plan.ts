// SPDX-License-Identifier: Apache-2.0
// Resolves deploy playbooks for one site into a plan: steps filtered by their `when`, commands
// rendered with every value shell-quoted, and the expected duration for the ETA.
import { k3sAirgapPaths } from '../site/render/host/render-host-files.js';
import type { ResolvedSite, SiteConfig } from '../site/site-types.js';
import { loadHints, loadPlaybook, type Hint, type PlaybookStep, type StepWhen } from './load-playbook.js';
import { PLAN_VARIABLES, renderTemplate, type PlanVariable, type TemplateValue } from './playbook-template.js';

/** Where the bundle and the rendered configuration are uploaded on the node. */
export interface PlanVars {
  bundle_dir?: string;
  config_dir?: string;
}

export const DEFAULT_BUNDLE_DIR = '/srv/ciab/bundle';
export const DEFAULT_CONFIG_DIR = '/srv/ciab/config';

/** One step ready to run: commands rendered, nothing left to fill in. */
export interface PlanStep {
  /** `<playbook>/<step id>`: unique in a plan, the key for checkpoints. */
  key: string;
  id: string;
  title: string;
  command: string;
  check?: string;
  sudo: boolean;
  timeout: number;
  retries: number;
  duration: number;
  hints: string[];
}

/** A step left out for this site, and why. */
export interface SkippedStep {
  key: string;
  title: string;
  reason: string;
}

export interface PlanPhase {
  playbook: string;
  id: string;
  title: string;
  duration: number;
  steps: PlanStep[];
  skipped: SkippedStep[];
}

export interface DeployPlan {
  site: string;
  type: SiteConfig['type'];
  playbooks: string[];
  phases: PlanPhase[];
  steps: number;
  /** Expected seconds for the whole plan. */
  duration: number;
}

/** A plan that cannot be made for this site (a step needs a value the site does not have). */
export class PlanError extends Error {
  constructor(
    readonly step: string,
    message: string,
  ) {
    super(`${step}: ${message}`);
    this.name = 'PlanError';
  }
}

/** The playbooks a CiaB type runs, in order. */
export function playbooksForType(type: SiteConfig['type']): string[] {
  return type === 'kubernetes' ? ['airgap-prepare', 'k3s-edge'] : ['airgap-prepare', 'osism-ciab'];
}

/** True when the registry is the bundle's one on the node. */
export function isLocalRegistry(site: ResolvedSite): boolean {
  return /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(site.registry.host);
}

/** True when the APT mirror is the bundle's one unpacked on the node. */
export function isLocalAptMirror(site: ResolvedSite): boolean {
  return site.apt_mirror.url.startsWith('file:');
}

/** The computed template variables for a site (undefined: the site has no such value). */
export function planVariables(site: ResolvedSite, vars: PlanVars = {}): Record<PlanVariable, string | undefined> {
  const k3s = k3sAirgapPaths(site);
  const [year, minor] = site.versions.openstack.split('.').map(Number) as [number, number];
  const port = /:(\d+)$/.exec(site.registry.host)?.[1];
  const values: Record<PlanVariable, string | undefined> = {
    bundle_dir: vars.bundle_dir ?? DEFAULT_BUNDLE_DIR,
    config_dir: vars.config_dir ?? DEFAULT_CONFIG_DIR,
    registry: site.registry.host,
    registry_port: port,
    // Kolla moved from Redis to Valkey with 2025.2 (reference §2.2, step 9).
    valkey_or_redis: year > 2025 || (year === 2025 && minor >= 2) ? 'valkey' : 'redis',
    apt_mirror_dir: isLocalAptMirror(site) ? site.apt_mirror.url.replace(/^file:(\/\/)?/, '') : undefined,
    k3s_binary: k3s.binary,
    k3s_images_dir: k3s.imagesDir,
    k3s_images_tarball: k3s.imagesTarball,
  };
  for (const name of PLAN_VARIABLES) if (!(name in values)) throw new Error(`no value for ${name}`);
  return values;
}

/** Why a step does not run for this site, or null when it runs. */
export function whyNot(when: StepWhen | undefined, site: ResolvedSite): string | null {
  if (!when) return null;
  if (when.types && !when.types.includes(site.type)) return `only for ${when.types.join(', ')}`;
  const off = (when.services ?? []).filter((s) => site.services[s as keyof ResolvedSite['services']] !== true);
  if (off.length > 0) return `services.${off.join(', services.')} ${off.length === 1 ? 'is' : 'are'} off`;
  if (when.local_registry !== undefined && when.local_registry !== isLocalRegistry(site)) {
    return when.local_registry ? `the site uses the registry ${site.registry.host}` : 'the site uses the registry on the node';
  }
  if (when.local_apt_mirror !== undefined && when.local_apt_mirror !== isLocalAptMirror(site)) {
    return when.local_apt_mirror ? `the site uses the APT mirror ${site.apt_mirror.url}` : 'the site uses the APT mirror on the node';
  }
  return null;
}

function lookupIn(site: ResolvedSite, computed: Record<PlanVariable, string | undefined>, stepKey: string) {
  return (name: string): TemplateValue => {
    let value: unknown;
    if (name.startsWith('site.')) {
      value = name.split('.').slice(1).reduce<unknown>((node, seg) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined), site);
    } else {
      value = computed[name as PlanVariable];
    }
    if (value === undefined || value === null) throw new PlanError(stepKey, `uses {{ ${name} }}, but the site has no value for it`);
    const plain = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);
    if (!plain(value) && !(Array.isArray(value) && value.every(plain))) throw new PlanError(stepKey, `uses {{ ${name} }}, which is not a value or a list of values`);
    if ([value].flat().some((v) => String(v).includes('\0'))) throw new PlanError(stepKey, `uses {{ ${name} }}, whose value holds a NUL byte, which no shell command can carry`);
    return value as TemplateValue;
  };
}

function planStep(step: PlaybookStep, key: string, lookup: (name: string) => TemplateValue, general: string[]): PlanStep {
  return {
    key,
    id: step.id,
    title: step.title,
    command: renderTemplate(step.command, lookup),
    ...(step.check !== undefined ? { check: renderTemplate(step.check, lookup) } : {}),
    sudo: step.sudo === true,
    timeout: step.timeout,
    retries: step.retries,
    duration: step.duration,
    hints: [...new Set([...(step.hints ?? []), ...general])],
  };
}

/** Resolves the playbooks `playbookIds` (from playbooks/deploy/) for `site`; touches nothing. */
export function resolvePlan(playbookIds: readonly string[], site: ResolvedSite, vars: PlanVars = {}, opts: { dir?: string; hints?: Hint[] } = {}): DeployPlan {
  const hints = opts.hints ?? loadHints();
  const general = hints.filter((h) => h.general).map((h) => h.id);
  const computed = planVariables(site, vars);
  const phases: PlanPhase[] = [];
  for (const id of playbookIds) {
    const playbook = loadPlaybook(id, opts.dir, hints);
    if (!playbook.types.includes(site.type)) throw new PlanError(id, `installs ${playbook.types.join(', ')}, not a ${site.type} site`);
    for (const phase of playbook.phases) {
      const steps: PlanStep[] = [];
      const skipped: SkippedStep[] = [];
      for (const step of phase.steps) {
        const key = `${playbook.id}/${step.id}`;
        const reason = whyNot(step.when, site);
        if (reason) skipped.push({ key, title: step.title, reason });
        else steps.push(planStep(step, key, lookupIn(site, computed, key), general));
      }
      if (steps.length === 0) continue;
      phases.push({ playbook: playbook.id, id: phase.id, title: phase.title, duration: steps.reduce((t, s) => t + s.duration, 0), steps, skipped });
    }
  }
  return {
    site: site.name,
    type: site.type,
    playbooks: [...playbookIds],
    phases,
    steps: phases.reduce((n, p) => n + p.steps.length, 0),
    duration: phases.reduce((t, p) => t + p.duration, 0),
  };
}
