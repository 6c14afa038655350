// SPDX-License-Identifier: Apache-2.0
// The installer workflow: the whole wizard as one xstate machine. It is the single source of
// truth; the renderer only sends events and renders snapshots. Services (SSH, probe, bundle,
// deploy) are named actors provided by the backend, and fakes in tests.
import { randomUUID } from 'node:crypto';
import { assign, fromCallback, fromPromise, sendTo, setup } from 'xstate';
import type { CheckResult, RenderSummary, StepId } from '../../api/contract.js';
import { validateSite } from '../site/validate-site.js';
import { toErrorInfo } from './step-errors.js';
import {
  initialContext,
  type ConnectInput,
  type ConnectOutput,
  type DeployContext,
  type DeployInput,
  type DeployStepState,
  type InstallerContext,
  type InstallerEvent,
  type InstallerInput,
  type ProbeInput,
  type ProbeOutput,
  type RenderInput,
  type WipeInput,
} from './installer-types.js';
import { evaluateHardware } from '../hardware/hardware-evaluation.js';

type Ev<T extends InstallerEvent['type']> = Extract<InstallerEvent, { type: T }>;

const notProvided = (name: string) => () => Promise.reject(new Error(`${name} is not provided by this backend`));

/** Checks that block leaving the hardware step: blocking failures (or unknowns) not waived. */
export function unwaivedFailures(ctx: Pick<InstallerContext, 'checks' | 'waivers'>): CheckResult[] {
  return ctx.checks.filter((c) => (c.blocking ?? (c.state === 'fail' || c.state === 'error')) && !ctx.waivers[c.id]);
}

/** GOTO transitions from a step back to each earlier step the operator has reached. */
function gotoBack(current: StepId) {
  const targets: [StepId, string][] = [
    ['target', '#installer.target.connected'],
    ['hardware', '#installer.hardware.ready'],
    ['site', '#installer.site'],
    ['bundle', '#installer.bundle.ready'],
    ['review', '#installer.review'],
  ];
  const order: StepId[] = ['target', 'hardware', 'site', 'bundle', 'review', 'deploy'];
  return targets
    .filter(([step]) => order.indexOf(step) < order.indexOf(current))
    .map(([step, target]) => ({
      target,
      guard: ({ context, event }: { context: InstallerContext; event: InstallerEvent }) =>
        event.type === 'GOTO' && event.step === step && context.visited.includes(step),
    }));
}


/** Leaving the hardware step (all its substates except `wiping`). */
function hardwareNav() {
  return {
    CANCEL: { target: '#installer.welcome', actions: 'reset' as const },
    BACK: { target: '#installer.target.connected', actions: 'clearError' as const },
    GOTO: gotoBack('hardware'),
  };
}

export const installerMachine = setup({
  types: {} as { context: InstallerContext; events: InstallerEvent; input: InstallerInput | undefined },
  actors: {
    connectTarget: fromPromise<ConnectOutput, ConnectInput>(notProvided('connectTarget')),
    probeHardware: fromPromise<ProbeOutput, ProbeInput>(notProvided('probeHardware')),
    wipeDisk: fromPromise<{ wiped: string }, WipeInput>(notProvided('wipeDisk')),
    verifyBundle: fromPromise<{ verified: true }, { path: string }>(notProvided('verifyBundle')),
    renderSite: fromPromise<RenderSummary, RenderInput>(notProvided('renderSite')),
    runDeploy: fromCallback<InstallerEvent, DeployInput>(({ sendBack }) => {
      sendBack({ type: 'DEPLOY_FAILED', error: toErrorInfo('deploy', 'Deployment unavailable', new Error('runDeploy is not provided by this backend')) });
    }),
  },
  guards: {
    hasTarget: ({ context }) => context.target !== null,
    // A demo can never be pointed at a real server.
    targetAllowed: ({ context, event }) =>
      event.type === 'SET_TARGET' &&
      (context.mode !== 'demo' || (context.demoTarget !== null && event.target.host === context.demoTarget.host && event.target.port === context.demoTarget.port)),
    hostKeyMismatch: (_, out: ConnectOutput) => out.hostKey.status === 'mismatch',
    hostKeyUnknown: (_, out: ConnectOutput) => out.hostKey.status === 'unknown',
    fingerprintMatches: ({ context, event }) => event.type === 'ACCEPT_HOST_KEY' && context.hostKey?.fingerprint === event.fingerprint,
    noUnwaivedFailures: ({ context }) => context.checks.length > 0 && unwaivedFailures(context).length === 0,
    checkCanBeWaived: ({ context, event }) =>
      event.type === 'WAIVE' && context.checks.some((c) => c.id === event.checkId && (c.state === 'fail' || c.state === 'error')),
    checkIsWaived: ({ context, event }) => event.type === 'UNWAIVE' && context.waivers[event.checkId] !== undefined,
    // Only a disk a check offered to wipe, and only when the operator typed its path exactly.
    wipeConfirmed: ({ context, event }) =>
      event.type === 'WIPE_DISK' && event.confirm === event.disk && context.checks.some((c) => c.wipe?.disk === event.disk),
    profileChanges: ({ context, event }) => event.type === 'SET_PROFILE' && event.profileId !== context.hardware.profileId && context.hardware.report !== null,
    siteValid: ({ context }) => context.site.valid,
    hasBundlePath: ({ context }) => context.bundle.path !== null,
    bundleVerified: ({ context }) => context.bundle.verified,
    // The deploy starts only from a render that the leak check found clean.
    hasFailedStep: ({ context }) => context.deploy.failure !== null,
    renderClean: ({ context }) => context.render.status === 'ready' && context.render.leaks === 0,
  },
  actions: {
    reset: assign(() => initialContext()),
    startInstall: assign(({ event, context }) => ({
      ...initialContext(),
      mode: event.type === 'START_DEMO' ? ('demo' as const) : ('install' as const),
      installId: `${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`,
      target:
        event.type === 'START_DEMO' && context.demoTarget
          ? { ...context.demoTarget, auth: 'none' as const, isDemo: true }
          : null,
      demoTarget: context.demoTarget,
    })),
    clearError: assign({ error: null }),
    visit: assign({
      visited: ({ context }, params: { step: StepId }) => (context.visited.includes(params.step) ? context.visited : [...context.visited, params.step]),
    }),
  },
}).createMachine({
  id: 'installer',
  context: ({ input }) => ({ ...initialContext(), demoTarget: input?.demoTarget ?? null }),
  initial: 'welcome',
  states: {
    welcome: {
      on: {
        START_INSTALL: { target: 'target', actions: 'startInstall' },
        START_DEMO: { target: 'target', actions: 'startInstall' },
        OPEN_REPLAY: { target: 'replay' },
      },
    },
    replay: {
      on: { BACK: { target: 'welcome' } },
    },
    target: {
      entry: { type: 'visit', params: { step: 'target' } },
      initial: 'editing',
      on: { CANCEL: { target: 'welcome', actions: 'reset' } },
      states: {
        editing: {
          on: {
            SET_TARGET: { guard: 'targetAllowed', actions: assign(({ context, event }) => setTarget(context, event)) },
            CONNECT: { guard: 'hasTarget', target: 'connecting' },
          },
        },
        connecting: {
          entry: 'clearError',
          invoke: {
            id: 'connect',
            src: 'connectTarget',
            input: ({ context }) => ({ target: context.target!, acceptFingerprint: context.acceptFingerprint }),
            onDone: [
              { guard: { type: 'hostKeyMismatch', params: ({ event }) => event.output }, target: 'hostKeyMismatch', actions: assign({ hostKey: ({ event }) => event.output.hostKey, server: null }) },
              { guard: { type: 'hostKeyUnknown', params: ({ event }) => event.output }, target: 'confirmHostKey', actions: assign({ hostKey: ({ event }) => event.output.hostKey, server: null }) },
              {
                target: 'connected',
                actions: assign({
                  hostKey: ({ event }) => event.output.hostKey,
                  server: ({ event }) => event.output.facts,
                  endpoint: ({ event }) => event.output.endpoint ?? null,
                  acceptFingerprint: null,
                }),
              },
            ],
            onError: {
              target: 'failed',
              actions: assign({
                error: ({ context, event }) =>
                  toErrorInfo('target', `Could not connect to ${context.target?.username}@${context.target?.host}:${context.target?.port}`, event.error),
                acceptFingerprint: null,
              }),
            },
          },
        },
        confirmHostKey: {
          on: {
            ACCEPT_HOST_KEY: { guard: 'fingerprintMatches', target: 'connecting', actions: assign({ acceptFingerprint: ({ event }) => (event as Ev<'ACCEPT_HOST_KEY'>).fingerprint }) },
            REJECT_HOST_KEY: { target: 'editing', actions: assign({ hostKey: null }) },
          },
        },
        hostKeyMismatch: {
          // A hard stop: there is no event that accepts a changed key. Only another target leaves.
          on: { SET_TARGET: { guard: 'targetAllowed', target: 'editing', actions: assign(({ context, event }) => setTarget(context, event)) } },
        },
        connected: {
          on: {
            NEXT: { target: '#installer.hardware' },
            CONNECT: { target: 'connecting' },
            SET_TARGET: { guard: 'targetAllowed', target: 'editing', actions: assign(({ context, event }) => setTarget(context, event)) },
          },
        },
        failed: {
          on: {
            RETRY: { target: 'connecting' },
            DISMISS_ERROR: { target: 'editing', actions: 'clearError' },
            SET_TARGET: { guard: 'targetAllowed', target: 'editing', actions: [assign(({ context, event }) => setTarget(context, event)), 'clearError'] },
          },
        },
      },
    },
    hardware: {
      entry: { type: 'visit', params: { step: 'hardware' } },
      initial: 'probing',
      // Leaving is allowed in every substate but `wiping`: root commands run on the server then.
      states: {
        probing: {
          entry: 'clearError',
          on: hardwareNav(),
          invoke: {
            id: 'probe',
            src: 'probeHardware',
            input: ({ context }) => ({ target: context.target!, server: context.server }),
            onDone: {
              target: 'ready',
              actions: assign(({ context, event }) => ({
                hardware: { ...context.hardware, report: event.output.report },
                checks: evaluateHardware(event.output.report, context.hardware.profileId),
              })),
            },
            onError: { target: 'failed', actions: assign({ error: ({ event }) => toErrorInfo('hardware', 'Hardware probe failed', event.error) }) },
          },
        },
        ready: {
          on: {
            ...hardwareNav(),
            PROBE: { target: 'probing' },
            SET_PROFILE: {
              guard: 'profileChanges',
              actions: assign(({ context, event }) => {
                const profileId = (event as Ev<'SET_PROFILE'>).profileId;
                return { hardware: { ...context.hardware, profileId }, checks: evaluateHardware(context.hardware.report!, profileId) };
              }),
            },
            WIPE_DISK: { guard: 'wipeConfirmed', target: 'wiping' },
            WAIVE: {
              guard: 'checkCanBeWaived',
              actions: assign({ waivers: ({ context, event }) => ({ ...context.waivers, [(event as Ev<'WAIVE'>).checkId]: (event as Ev<'WAIVE'>).reason }) }),
            },
            UNWAIVE: {
              guard: 'checkIsWaived',
              actions: assign({
                waivers: ({ context, event }) => Object.fromEntries(Object.entries(context.waivers).filter(([id]) => id !== (event as Ev<'UNWAIVE'>).checkId)),
              }),
            },
            NEXT: { guard: 'noUnwaivedFailures', target: '#installer.site' },
          },
        },
        wiping: {
          entry: 'clearError',
          invoke: {
            id: 'wipe',
            src: 'wipeDisk',
            input: ({ context, event }) => {
              const disk = (event as Ev<'WIPE_DISK'>).disk;
              return {
                target: context.target!,
                disk,
                commands: context.checks.find((c) => c.wipe?.disk === disk)?.wipe?.commands ?? [],
                confirmed: context.hardware.report?.disks.find((d) => d.path === disk) ?? null,
              };
            },
            // A wiped disk changes the report: probe again so the checks show the truth.
            onDone: { target: 'probing' },
            onError: { target: 'failed', actions: assign({ error: ({ event }) => toErrorInfo('hardware', 'Wiping the disk failed', event.error) }) },
          },
        },
        failed: { on: { ...hardwareNav(), RETRY: { target: 'probing' } } },
      },
    },
    site: {
      entry: { type: 'visit', params: { step: 'site' } },
      on: {
        CANCEL: { target: 'welcome', actions: 'reset' },
        BACK: { target: '#installer.hardware.ready' },
        GOTO: gotoBack('site'),
        SET_SITE: { actions: assign({ site: ({ event }) => siteFrom((event as Ev<'SET_SITE'>).site) }) },
        NEXT: { guard: 'siteValid', target: 'bundle' },
      },
    },
    bundle: {
      entry: { type: 'visit', params: { step: 'bundle' } },
      initial: 'idle',
      on: {
        CANCEL: { target: 'welcome', actions: 'reset' },
        BACK: { target: '#installer.site', actions: 'clearError' },
        GOTO: gotoBack('bundle'),
        SET_BUNDLE: { target: '.idle', actions: [assign({ bundle: ({ event }) => ({ path: (event as Ev<'SET_BUNDLE'>).path, verified: false }) }), 'clearError'] },
      },
      states: {
        idle: {
          always: { guard: 'bundleVerified', target: 'ready' },
          on: { VERIFY_BUNDLE: { guard: 'hasBundlePath', target: 'verifying' } },
        },
        verifying: {
          entry: 'clearError',
          invoke: {
            id: 'verifyBundle',
            src: 'verifyBundle',
            input: ({ context }) => ({ path: context.bundle.path! }),
            onDone: { target: 'ready', actions: assign({ bundle: ({ context }) => ({ path: context.bundle.path, verified: true }) }) },
            onError: { target: 'failed', actions: assign({ error: ({ event }) => toErrorInfo('bundle', 'Bundle verification failed', event.error) }) },
          },
        },
        ready: {
          on: { NEXT: { guard: 'bundleVerified', target: '#installer.review' }, VERIFY_BUNDLE: { target: 'verifying' } },
        },
        failed: { on: { VERIFY_BUNDLE: { guard: 'hasBundlePath', target: 'verifying' } } },
      },
    },
    review: {
      entry: { type: 'visit', params: { step: 'review' } },
      initial: 'rendering',
      on: {
        CANCEL: { target: 'welcome', actions: 'reset' },
        BACK: { target: '#installer.bundle.ready', actions: 'clearError' },
        GOTO: gotoBack('review'),
      },
      states: {
        rendering: {
          entry: [assign({ render: { status: 'rendering', files: 0, leaks: 0, error: null } }), 'clearError'],
          invoke: {
            id: 'renderSite',
            src: 'renderSite',
            input: ({ context }) => ({ site: context.site.config }),
            onDone: { target: 'ready', actions: assign({ render: ({ event }) => event.output }) },
            onError: {
              target: 'failed',
              actions: assign(({ event }) => {
                const error = toErrorInfo('review', 'Rendering the configuration failed', event.error);
                return { error, render: { status: 'failed' as const, files: 0, leaks: 0, error } };
              }),
            },
          },
        },
        ready: {
          on: {
            START_DEPLOY: { guard: 'renderClean', target: '#installer.deploy' },
            NEXT: { guard: 'renderClean', target: '#installer.deploy' },
            RETRY: { target: 'rendering' },
          },
        },
        failed: { on: { RETRY: { target: 'rendering' } } },
      },
    },
    deploy: {
      entry: { type: 'visit', params: { step: 'deploy' } },
      initial: 'running',
      on: { CANCEL: { target: 'welcome', actions: 'reset' } },
      states: {
        running: {
          entry: [assign({ deploy: ({ context }) => startDeploy(context.deploy) }), 'clearError'],
          invoke: {
            id: 'deploy',
            src: 'runDeploy',
            input: ({ context }) => ({ mode: context.mode, target: context.target, site: context.site.config, steps: context.deploy.steps, bundlePath: context.bundle.path }),
          },
          on: {
            DEPLOY_PLAN: { actions: assign({ deploy: ({ context, event }) => ({ ...context.deploy, phases: (event as Ev<'DEPLOY_PLAN'>).phases }) }) },
            DEPLOY_STEP: { actions: assign({ deploy: ({ context, event }) => stepChanged(context.deploy, event as Ev<'DEPLOY_STEP'>) }) },
            // The runner hears STOP_STEP and kills the step's process group on the server; it then fails as usual.
            STOP_STEP: { actions: sendTo('deploy', ({ event }) => event) },
            DEPLOY_DONE: { target: '#installer.done', actions: assign({ deploy: ({ context }) => ({ ...context.deploy, status: 'succeeded' as const, current: null, failure: null }) }) },
            DEPLOY_STEP_FAILED: {
              target: 'failed',
              actions: assign({
                error: ({ event }) => (event as Ev<'DEPLOY_STEP_FAILED'>).error,
                deploy: ({ context, event }) => {
                  const f = (event as Ev<'DEPLOY_STEP_FAILED'>).failure;
                  const prev = context.deploy.steps[f.key];
                  return { ...context.deploy, status: 'failed' as const, current: null, failure: f, steps: { ...context.deploy.steps, [f.key]: { status: 'failed' as const, attempt: f.attempt, durationMs: prev?.durationMs ?? null } } };
                },
              }),
            },
            DEPLOY_FAILED: {
              target: 'failed',
              actions: assign({
                error: ({ event }) => (event as Ev<'DEPLOY_FAILED'>).error,
                deploy: ({ context }) => ({ ...context.deploy, status: 'failed' as const, current: null, failure: null }),
              }),
            },
          },
        },
        failed: {
          on: {
            RETRY: { target: 'running' },
            SKIP_STEP: { guard: 'hasFailedStep', target: 'running', actions: assign({ deploy: ({ context, event }) => skipFailed(context.deploy, (event as Ev<'SKIP_STEP'>).reason) }) },
            ABORT_DEPLOY: { target: 'aborted', actions: assign({ deploy: ({ context }) => ({ ...context.deploy, status: 'aborted' as const }) }) },
            BACK: { target: '#installer.review', actions: 'clearError' },
            GOTO: gotoBack('deploy'),
          },
        },
        // Stopped by the operator: nothing runs; Retry resumes from the server's checkpoints.
        aborted: {
          on: { RETRY: { target: 'running' }, NEW_INSTALL: { target: '#installer.welcome', actions: 'reset' }, BACK: { target: '#installer.review', actions: 'clearError' } },
        },
      },
    },
    done: {
      entry: { type: 'visit', params: { step: 'done' } },
      on: { NEW_INSTALL: { target: 'welcome', actions: 'reset' } },
    },
  },
});

/** Applies SET_TARGET: a new server invalidates its host key, facts and hardware checks. */
function setTarget(context: InstallerContext, event: InstallerEvent): Partial<InstallerContext> {
  if (event.type !== 'SET_TARGET') return {};
  const t = event.target;
  const demo = context.demoTarget;
  const isDemo = demo !== null && t.host === demo.host && t.port === demo.port;
  const same = context.target && context.target.host === t.host && context.target.port === t.port && context.target.username === t.username;
  const target = { ...t, isDemo };
  return same
    ? { target }
    : { target, hostKey: null, server: null, endpoint: null, checks: [], waivers: {}, acceptFingerprint: null, hardware: { ...context.hardware, report: null } };
}

function siteFrom(config: Record<string, unknown>) {
  const v = validateSite(config);
  return { config, valid: v.valid, errors: v.errors };
}

/** The deploy context as a run starts (first run, retry, skip or resume): failure cleared, history kept. */
function startDeploy(d: DeployContext): DeployContext {
  return { ...d, status: 'running', failure: null, current: null, startedAt: d.startedAt ?? new Date().toISOString() };
}

/** Applies one step's new state from the runner. */
function stepChanged(d: DeployContext, e: { key: string; state: DeployStepState; at: string }): DeployContext {
  const current = e.state.status === 'running' ? { key: e.key, since: e.at } : d.current?.key === e.key ? null : d.current;
  return { ...d, current, steps: { ...d.steps, [e.key]: e.state } };
}

/** Marks the failed step skipped with the operator's reason. */
function skipFailed(d: DeployContext, reason: string): DeployContext {
  const key = d.failure?.key;
  if (!key) return d;
  const prev = d.steps[key];
  return { ...d, failure: null, steps: { ...d.steps, [key]: { status: 'skipped', attempt: prev?.attempt ?? 0, durationMs: prev?.durationMs ?? null, reason: reason.trim() } } };
}
