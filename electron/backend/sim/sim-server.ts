// SPDX-License-Identifier: Apache-2.0
// The embedded simulated CiaB server: an in-process ssh2 Server on 127.0.0.1 for demo mode and tests.
import ssh2 from 'ssh2';
import type { AuthContext, Connection, Session } from 'ssh2';
import { isProbeCommand } from '../hardware/probe/probe-script.js';
import { DEFAULT_SIM_COMMANDS, type SimCommandTable } from './sim-commands.js';
import { resolveRootCommand, wantsSudoPassword } from './sim-disk-commands.js';
import { isSimHardwareId, SIM_HARDWARE_IDS, type SimHardwareId } from './sim-hardware.js';
import { SimHardwareState } from './sim-hardware-state.js';
import { loadOrCreateSimHostKey } from './sim-host-key.js';
import { notInScenarioMessage, runSimCommandLine, SIM_NOT_FOUND_EXIT, type SimExecResult } from './sim-shell.js';
import { parseStepExec, serveCommandOf } from './sim-step-command.js';
import { SimStepRuns, type SimDeployOptions } from './sim-step-runs.js';
import { serveSimControlChannel } from './sim-step-server.js';

const { Server, utils } = ssh2;

export type { SimCommandTable, SimCommandResult } from './sim-commands.js';
export type { SimDeployOptions, SimFault } from './sim-step-runs.js';
export { listSimHardware, SIM_HARDWARE_IDS, type SimHardwareId, type SimHardwareScenario } from './sim-hardware.js';

/** A running simulated server. */
export interface SimServer {
  host: '127.0.0.1';
  port: number;
  username: string;
  hostKeyFingerprint: string;
  /** Which simulated hardware this server answers the probe with. */
  hardware: SimHardwareId;
  /** Change how fast simulated deploy steps run (simulated seconds per real second); running steps keep their progress. */
  setDeploySpeed(speed: number): void;
  close(): Promise<void>;
}

/** How to start the simulated server. */
export interface SimServerOptions {
  hostKeyPath: string;
  /** 0 or absent: a random free port. */
  port?: number;
  /** Default 'ciab'. */
  username?: string;
  /** Entries added to (or replacing) the default Ubuntu 24.04 scenario. */
  commands?: SimCommandTable;
  /** Simulated hardware (see listSimHardware()); default 'good'. Disks wiped here stay wiped until the server stops. */
  hardware?: SimHardwareId;
  /** Deploy steps over the control channel: time compression (default 60) and faults by server step id. */
  deploy?: SimDeployOptions;
  /** The one sudo password a password-wanting scenario accepts; default: any non-empty password. */
  sudoPassword?: string;
}

// How long a `sudo -S` command waits for its password line on stdin, like sudo's own prompt timeout.
const SUDO_STDIN_TIMEOUT_MS = 15_000;

const SHELL_BANNER =
  'CiaB demo server (simulated). No real server is behind this session, and nothing runs here.\r\n' +
  'The installer talks to it with single commands; interactive shells are not part of the demo.\r\n';

/** Start the simulated CiaB server; it accepts any password or key for its one user. */
export async function startSimServer(opts: SimServerOptions): Promise<SimServer> {
  const username = opts.username ?? 'ciab';
  const hardware = opts.hardware ?? 'good';
  if (!isSimHardwareId(hardware)) throw new Error(`unknown simulated hardware "${String(hardware)}"; known: ${SIM_HARDWARE_IDS.join(', ')}`);
  const state = new SimHardwareState(hardware, username);
  const table: SimCommandTable = { ...DEFAULT_SIM_COMMANDS, ...sudoProbes(state), ...(opts.commands ?? {}) };
  const hostKey = await loadOrCreateSimHostKey(opts.hostKeyPath);
  const clients = new Set<Connection>();
  // Deploy steps live here, not in a connection: a dropped connection stops nothing, a new one re-attaches.
  const runs = new SimStepRuns(opts.deploy);
  const serve: SimServe = { runs, state, ...(opts.sudoPassword !== undefined ? { sudoPassword: opts.sudoPassword } : {}) };

  const server = new Server(
    {
      hostKeys: [hostKey.privateKey],
      // Honest identification: this is not OpenSSH, and logs on both sides should say so.
      ident: 'ciab-sim_1.0',
      // ssh2 sends one banner per connection before any login; it must serve every user name.
      banner: `CiaB demo server (simulated; no real server is touched). Log in as user '${username}'.\n`,
    },
    (client) => {
      clients.add(client);
      client.on('close', () => clients.delete(client));
      // A client that vanishes mid-handshake raises ECONNRESET here; it must not crash the app.
      client.on('error', () => undefined);
      client.on('authentication', (ctx) => authenticate(ctx, username));
      client.on('ready', () => {
        // As sshd does for interactive traffic: small replies go out at once.
        (client as unknown as { setNoDelay(on: boolean): void }).setNoDelay(true);
        client.on('session', (accept) => serveSession(accept(), table, serve, () => client.end()));
      });
    },
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => undefined);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    host: '127.0.0.1',
    port,
    username,
    hostKeyFingerprint: hostKey.fingerprint,
    hardware,
    setDeploySpeed: (speed) => runs.setSpeed(speed),
    close: () =>
      new Promise<void>((resolve) => {
        runs.dispose();
        for (const c of clients) c.end();
        server.close(() => resolve());
      }),
  };
}

// A demo box: any password, any key (with a valid signature), or none at all, but only for its user.
function authenticate(ctx: AuthContext, username: string): void {
  if (ctx.username !== username) return ctx.reject(['password', 'publickey']);
  switch (ctx.method) {
    case 'none':
    case 'password':
      return ctx.accept();
    case 'publickey': {
      // Without a signature the client only asks "would you take this key?": yes.
      if (!ctx.signature || !ctx.blob) return ctx.accept();
      const key = utils.parseKey(ctx.key.data);
      if (key instanceof Error) return ctx.reject();
      return key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true ? ctx.accept() : ctx.reject();
    }
    default:
      return ctx.reject(['none', 'password', 'publickey']);
  }
}

// `sudo -n true` answers as the scenario's sudo does (also in the LC_ALL=C form the SSH layer sends).
function sudoProbes(state: SimHardwareState): SimCommandTable {
  const r = state.sudoNeedsPassword ? { stdout: '', stderr: 'sudo: a password is required\n', exitCode: 1 } : { stdout: '' };
  return { 'sudo -n true': r, 'LC_ALL=C sudo -n true': r };
}

// What an exec needs besides the command table: the hardware (sudo, disks) and the deploy steps.
interface SimServe {
  state: SimHardwareState;
  runs: SimStepRuns;
  sudoPassword?: string;
}

function serveSession(session: Session, table: SimCommandTable, serve: SimServe, dropConnection: () => void): void {
  const { state, sudoPassword } = serve;
  session.on('pty', (accept) => accept?.());
  session.on('env', (accept) => accept?.());
  session.on('window-change', (accept) => accept?.());
  session.on('exec', (accept, _reject, info) => {
    const stream = accept();
    const reply = (r: SimExecResult) => {
      if (r.stdout) stream.write(r.stdout);
      if (r.stderr) stream.stderr.write(r.stderr);
      stream.exit(r.exitCode);
      stream.end();
    };
    // The probe is recognised by its version marker and answered from the scenario, never run.
    if (isProbeCommand(info.command)) return reply({ stdout: state.probeOutput(), stderr: '', exitCode: 0 });
    // The deploy control channel (`ciab-step serve`, maybe through sudo) is served from memory, never run.
    const step = parseStepExec(info.command);
    const ctl = step && serveCommandOf(step);
    if (ctl) {
      return serveSimControlChannel(stream, ctl, {
        runs: serve.runs, sudoNeedsPassword: state.sudoNeedsPassword, drop: dropConnection, ...(sudoPassword !== undefined ? { sudoPassword } : {}),
      });
    }
    if (step) {
      const what = `ciab-step ${step.args.join(' ')}`.slice(0, 200);
      return reply({ stdout: '', stderr: `${notInScenarioMessage(what)}ciab-sim: deploy steps run over the control channel only (ciab-step serve STATE).\n`, exitCode: SIM_NOT_FOUND_EXIT });
    }
    const answer = (password: string | null) => {
      // With a set sudo password a wrong one is refused as sudo -S refuses it (one try, then stdin ends).
      if (password !== null && sudoPassword !== undefined && password !== sudoPassword) {
        return reply({ stdout: '', stderr: 'Sorry, try again.\nsudo: no password was provided\nsudo: 1 incorrect password attempt\n', exitCode: 1 });
      }
      reply(runSimCommandLine(info.command, table, (part) => resolveRootCommand(state, part, { password })));
    };
    if (!wantsSudoPassword(state, info.command)) return answer(null);
    // sudo -S reads one line from stdin: wait for it (or EOF, or sudo's timeout) before answering.
    let buf = '';
    let answered = false;
    const once = (password: string | null) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      answer(password);
    };
    const timer = setTimeout(() => once(null), SUDO_STDIN_TIMEOUT_MS);
    stream.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl >= 0) once(buf.slice(0, nl));
    });
    stream.on('end', () => once(buf === '' ? null : buf));
    // A client that hangs up before sending the password gets no answer, and no timer outlives it.
    stream.on('close', () => {
      answered = true;
      clearTimeout(timer);
    });
    stream.on('error', () => undefined);
  });
  session.on('shell', (accept) => {
    const stream = accept();
    stream.write(SHELL_BANNER);
    stream.exit(0);
    stream.end();
  });
  // No sftp or other subsystems in the demo.
  session.on('subsystem', (_accept, reject) => reject());
}
