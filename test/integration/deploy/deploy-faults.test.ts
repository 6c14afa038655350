// SPDX-License-Identifier: Apache-2.0
// Fault runs of the whole sandbox plan (airgap-prepare + osism-ciab, every step in its order with its
// timeout and retries) against a real sshd, with each step's command replaced by a stand-in tool that
// prints Ansible-like output: the SSH connection is cut 20 times at seeded random moments, and the run
// still completes, no step runs twice, and the journal's output equals the server's output files byte for byte.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeploy } from '../../../electron/backend/deploy/deploy-run.js';
import { serverStepId } from '../../../electron/backend/deploy/deploy-engine.js';
import { playbooksForType, resolvePlan, type DeployPlan } from '../../../electron/backend/deploy/resolve-plan.js';
import { JournalWriter } from '../../../electron/backend/journal/journal-writer.js';
import { renderSite } from '../../../electron/backend/site/render/render-site.js';
import { writeRenderedTree } from '../../../electron/backend/site/render/write-tree.js';
import { loadSiteSecrets } from '../../../electron/backend/site/secrets/site-secret-store.js';
import { readSiteFile } from '../../../electron/backend/site/site-file.js';
import type { ResolvedSite } from '../../../electron/backend/site/site-types.js';
import { shellQuote } from '../../../electron/backend/ssh/shell-quote.js';
import { openSession, type SshSession } from '../../../electron/backend/ssh/ssh-session.js';
import { sshdAvailable, sshdSkipReason, startSshd, type TestSshd } from '../../helpers/sshd.js';
import { tempDir } from '../../helpers/ssh-keys.js';
import { FAKE_TOOL, rng } from '../../helpers/fake-playbooks.js';

const CUTS = 20;


describe.skipIf(!sshdAvailable)(`deploy fault runs against a real sshd${sshdSkipReason}`, () => {
  let sshd: TestSshd;
  let tmp: { dir: string; remove: () => Promise<void> };
  let session: SshSession;
  let site: ResolvedSite;
  let renderDir: string;
  let vaultPassword: string;

  beforeAll(async () => {
    sshd = await startSshd();
    tmp = await tempDir('deploy-faults');
    session = await openSession({
      host: sshd.host, port: sshd.port, username: sshd.username, auth: 'key', keyPath: sshd.clientKeyPath,
      knownHosts: { appFile: path.join(tmp.dir, 'known_hosts') }, acceptFingerprint: sshd.hostKeyFingerprint, timeoutMs: 5000,
      reconnect: { initialMs: 30, maxMs: 200, maxAttempts: 200 },
    });
    const parsed = await readSiteFile('examples/site-sandbox.yaml');
    site = parsed.resolved!;
    const secrets = await loadSiteSecrets(path.join(tmp.dir, 'data'), site);
    vaultPassword = secrets.vaultPassword;
    const rendered = renderSite({ site, secrets: secrets.secrets, vaultPassword });
    // A host file with a password would be installed at its real target on this machine: the example has none.
    expect(rendered.files.filter((f) => f.secret === 'vault' && f.target)).toEqual([]);
    renderDir = path.join(tmp.dir, 'tree');
    await writeRenderedTree(renderDir, rendered.files);
  });
  afterAll(async () => {
    await session?.close();
    await sshd?.stop();
    await tmp?.remove();
  });

  // The real plan with every command replaced by the stand-in, so nothing on this machine is touched.
  function fakePlan(work: string): DeployPlan {
    const plan = resolvePlan(playbooksForType(site.type), site, { config_dir: path.join(work, 'config'), bundle_dir: path.join(work, 'bundle') });
    const env = `FAKE_LOG=${shellQuote(path.join(work, 'invocations.log'))} FAKE_DIR=${shellQuote(work)}`;
    return {
      ...plan,
      phases: plan.phases.map((p) => ({
        ...p,
        steps: p.steps.map((s) => {
          const { check: _check, ...rest } = s;
          return { ...rest, command: `${env} exec ${shellQuote(FAKE_TOOL)} ${shellQuote(serverStepId(s.key))} 30\n` };
        }),
      })),
    };
  }

  it(`completes the whole plan through ${CUTS} cut connections, every step once, output byte-identical`, async () => {
    const seed = Number(process.env.CIAB_FAULT_SEED ?? Date.now() % 100_000);
    const random = rng(seed);
    const work = path.join(tmp.dir, `run-${seed}`);
    await mkdir(work, { recursive: true });
    const stateDir = path.join(work, 'state');
    const plan = fakePlan(work);
    const journalFile = path.join(work, 'journal.ndjson');
    const journal = JournalWriter.create(journalFile, { appVersion: 'test', installId: 'faults', startedAt: new Date().toISOString(), mode: 'install', profile: null, target: null }, { flushIntervalMs: 0 });
    const decoders = new Map<string, TextDecoder>();
    const reattaches: string[] = [];
    let finished = false;
    let cuts = 0;
    // A cut lands at a random moment while a step runs (20–300 ms after one started or was re-attached),
    // never while the app is still dialling after the previous cut: each cut then hits the deploy itself.
    let progressed: () => void = () => undefined;
    let progress = new Promise<void>((r) => (progressed = r));
    const moved = () => {
      progressed();
      progress = new Promise<void>((r) => (progressed = r));
    };
    const cutter = (async () => {
      while (!finished && cuts < CUTS) {
        await progress;
        await new Promise((r) => setTimeout(r, 20 + random() * 280));
        if (finished) break;
        if ((await sshd.dropConnections()) > 0) cuts++;
        if (process.env.DEBUG_FAULTS) console.log(Date.now() % 100000, 'cut', cuts);
      }
    })();
    const result = await runDeploy({
      session, site, renderDir, vaultPassword, known: {}, plan, stateDir, signal: new AbortController().signal,
      vars: { config_dir: path.join(work, 'config'), bundle_dir: path.join(work, 'bundle') },
      listener: {
        plan: () => undefined,
        step: (key, state) => {
          if (state.status === 'running') moved();
          journal.append({ type: 'step', key, status: state.status === 'pending' ? 'running' : state.status, attempt: state.attempt });
        },
        output: (key, attempt, offset, bytes) => {
          const id = `${key}#${attempt}`;
          let d = decoders.get(id);
          if (!d) decoders.set(id, (d = new TextDecoder('utf-8')));
          journal.append({ type: 'output', key, attempt, offset, data: d.decode(bytes, { stream: true }) });
        },
        reattach: (key, attempt, offset) => {
          moved();
          reattaches.push(`${key}#${attempt}@${offset}`);
          journal.append({ type: 'reattach', key, attempt, offset });
        },
      },
    }).finally(() => {
      finished = true;
      progressed();
    });
    await cutter;
    journal.close();
    const context = `seed ${seed} (repeat with CIAB_FAULT_SEED=${seed}), ${cuts} cuts, ${reattaches.length} re-attaches`;
    console.log(`[fault run] ${context}`);
    expect(result, context).toEqual({ ok: true });
    expect(cuts, `${context}: the plan ended before ${CUTS} cuts`).toBe(CUTS);

    const steps = plan.phases.flatMap((p) => p.steps);
    // Every step ran exactly once: one invocation each, and one attempt directory on the server.
    const invocations = readFileSync(path.join(work, 'invocations.log'), 'utf8').trim().split('\n').map((l) => l.split(' ')[0]);
    expect(invocations.sort(), context).toEqual(steps.map((s) => serverStepId(s.key)).sort());
    for (const s of steps) expect(readdirSync(path.join(stateDir, serverStepId(s.key))), `${context}: ${s.key}`).toEqual(['1']);

    // The journal's output of every step is the server's output file, byte for byte, offsets contiguous.
    const lines = readFileSync(journalFile, 'utf8').trim().split('\n').slice(1).map((l) => JSON.parse(l) as { type: string; key?: string; attempt?: number; offset?: number; data?: string });
    for (const s of steps) {
      const out = lines.filter((e) => e.type === 'output' && e.key === s.key);
      let next = 0;
      for (const o of out) {
        expect(o.offset, `${context}: ${s.key} offset`).toBe(next);
        next += Buffer.byteLength(o.data ?? '');
      }
      const server = readFileSync(path.join(stateDir, serverStepId(s.key), '1', 'output'));
      expect(Buffer.from(out.map((o) => o.data).join('')).equals(server), `${context}: ${s.key} output differs from the server's`).toBe(true);
      expect(server.toString()).toContain('PLAY RECAP');
    }
    // The configuration reached the node too (through the channel's put), and the checkpoints list every step.
    expect(existsSync(path.join(work, 'config', 'ciab', 'render.json'))).toBe(true);
    const checkpoints = readFileSync(path.join(stateDir, 'checkpoints'), 'utf8');
    for (const s of steps) expect(checkpoints).toContain(`${serverStepId(s.key)} 1 `);
  }, 240_000);
});
