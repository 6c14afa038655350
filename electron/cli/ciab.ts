// SPDX-License-Identifier: Apache-2.0
// The `ciab` command line: another front door to the same backend as the desktop app.
import { parseArgs } from 'node:util';
import { appVersion } from '../backend/app-paths.js';
import { EXIT, createOutput } from './cli-output.js';
import { demoDeployArgs } from './demo-deploy-args.js';

// Kept here (not imported from the sim) so `ciab --help` stays light; a test checks they match.
export const SIM_HARDWARE = ['good', 'small-dirty', 'vm-no-nested'];
type SimHardware = 'good' | 'small-dirty' | 'vm-no-nested';

const HELP = `ciab — install a Sovereign Cloud Stack Cloud-in-a-Box site, air-gapped

Usage: ciab <command> [options]

Commands:
  serve     Web mode: the installer UI on http://127.0.0.1 (with the demo server)
              --port N        port to listen on (default 0 = a free one)
              --data-dir DIR  app data (default: the desktop app's; env CIAB_DATA_DIR)
              --no-open       do not open a browser
              --no-demo-server  do not start the embedded simulated server
              --demo-hardware H  what the demo server simulates: good (default),
                              small-dirty, vm-no-nested
              --demo-speed N   simulated seconds per second of the demo's deploy (default 60)
              --demo-fault STEP=KIND  script a fault: KIND fail-once, fail-always, hang
                              or drop; STEP e.g. osism-ciab.apply-keystone (repeatable)
  probe <target>  Check a server's hardware against a CiaB profile (one SSH round trip)
              target: user@host[:port] or an ~/.ssh/config alias
              -i KEY          private key file (default: ssh-agent, then the ssh config)
              --profile P     ciab-sandbox (default), ciab-edge, ciab-kubernetes, lab
              --known-hosts FILE  pin file (default: the app's; ~/.ssh/known_hosts is honoured)
              --accept-new    pin an unknown host key (like StrictHostKeyChecking=accept-new)
              --markdown      print the report as Markdown
              exit: 0 ready, 1 a failure blocks the install, 2 could not probe
  render <site.yaml>  Validate a site file and render the air-gapped configuration
              -o, --output DIR  where to write the tree (an empty dir or an earlier render)
              --check         run the leak check; exit 1 if a public endpoint is found
              --data-dir DIR  where the site's secrets and vault password are kept
              --vault-password-file F  use this vault password (must match a kept one)
              --registry-password-file F  password of the local registry
              exit: 0 rendered, 1 invalid site / render failed / leaks with --check
  bundle verify <dir>  Check an offline bundle: manifest signature, then every file's size and sha256
              --allowed-signers FILE  OpenSSH allowed_signers file of the site (required)
              --identity I    the principal that must have signed (default: any listed)
              exit: 0 verified, 1 verification failed (the failing file is named)
  bundle create <dir>  Write manifest.json for a bundle directory and sign it (manifest.json.sig)
              --key KEY       private key for ssh-keygen -Y sign -n ciab-bundle (required)
              --identity I    principal to print in the allowed_signers line to hand over
              --name N        bundle name (default: kept from an earlier manifest, or the dir name)
  deploy <site.yaml> --plan  Print the deploy plan of a site: phases, steps, expected
              durations and the exact commands (touches nothing)
  deploy <site.yaml> --target T  Render the site and deploy it over SSH; step output on stdout,
              the journal and step states in the data dir; exit 0 done, 1 a step failed,
              2 could not connect or run (T: user@host[:port] or an ~/.ssh/config alias)
              --resume        continue an earlier run (re-attaches a running step, skips done ones)
              -i, --identity KEY, --known-hosts FILE, --accept-new   as for probe
              --sudo-password-file F   sudo password (given to sudo on stdin, never on a command line)
              --bundle DIR    upload this verified bundle first (resumable, hash-checked)
              --config-dir D, --bundle-dir D, --state-dir D   paths on the node
              --playbooks DIR  deploy playbooks (<id>.yaml) to use instead of the built-in ones
              exit: 0 printed, 1 invalid site or playbook, 2 usage (or no --plan)
  demo      Run the demo install headless against the simulated server
              --data-dir DIR  where the journal goes (default: a new temporary dir)
              --step-ms N     pace of the simulated deployment (default 50)
              --demo-hardware H  simulated hardware (default good)
  help      Show this help

  support-bundle <journal> -o F.tar.gz  The journal, hardware report, plan, rendered configuration
              (vault payloads removed), versions, a redaction report and a sha256 manifest, with no
              secret; --data-dir D where the install's snapshot and renders are (default: the
              journal's data dir)
  replay <journal|bundle.tar.gz>  What an install journal says: phases, durations, failures with their last
              lines, decisions with reasons (the default, also --summary)
              --grep RE       every output, log and decision line matching RE, with its time
              --asciicast F   write an asciicast v2 recording for asciinema
              --speed N       play the output here at N× (1–1000, pauses capped at 2 s)
              --from T        start at T (seconds, m:ss or h:mm:ss) for --speed and --grep

Global options:
  --json      machine-readable output, one JSON object per line
  --version   print the version
  -h, --help  show help

Exit codes: 0 success, 1 the command failed, 2 usage error, 130 interrupted (Ctrl+C),
143 terminated (SIGTERM).
Colours are off when NO_COLOR is set or output is not a terminal.
`;

/** Runs the CLI with `argv` (without node and script); resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        version: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'no-open': { type: 'boolean', default: false },
        'no-demo-server': { type: 'boolean', default: false },
        'step-ms': { type: 'string' },
        'demo-hardware': { type: 'string' },
        'demo-speed': { type: 'string' },
        'demo-fault': { type: 'string', multiple: true },
        identity: { type: 'string', short: 'i' },
        profile: { type: 'string' },
        'known-hosts': { type: 'string' },
        'accept-new': { type: 'boolean', default: false },
        markdown: { type: 'boolean', default: false },
        output: { type: 'string', short: 'o' },
        check: { type: 'boolean', default: false },
        'vault-password-file': { type: 'string' },
        'registry-password-file': { type: 'string' },
        'allowed-signers': { type: 'string' },
        key: { type: 'string' },
        name: { type: 'string' },
        plan: { type: 'boolean', default: false },
        target: { type: 'string' },
        resume: { type: 'boolean', default: false },
        'sudo-password-file': { type: 'string' },
        bundle: { type: 'string' },
        'config-dir': { type: 'string' },
        'bundle-dir': { type: 'string' },
        'state-dir': { type: 'string' },
        playbooks: { type: 'string' },
        grep: { type: 'string' },
        asciicast: { type: 'string' },
        speed: { type: 'string' },
        from: { type: 'string' },
        summary: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    createOutput({ json: argv.includes('--json') }).error((err as Error).message, 'see `ciab --help`');
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const out = createOutput({ json: values.json === true });
  const [command, ...rest] = positionals;
  if (values.version) {
    if (out.json) out.record({ name: 'ciab', version: appVersion() });
    else out.info(appVersion());
    return EXIT.ok;
  }
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
  }
  if (command === 'probe') {
    if (rest.length !== 1) {
      out.error('probe needs exactly one target: user@host[:port] or an ~/.ssh/config alias', 'see `ciab --help`');
      return EXIT.usage;
    }
    const { probeCommand } = await import('./commands/probe-command.js');
    return probeCommand(
      {
        target: rest[0]!,
        profile: values.profile ?? 'ciab-sandbox',
        acceptNew: values['accept-new'] === true,
        markdown: values.markdown === true,
        ...(values.identity ? { identity: values.identity } : {}),
        ...(values['known-hosts'] ? { knownHosts: values['known-hosts'] } : {}),
      },
      out,
    );
  }
  if (command === 'render') {
    if (rest.length !== 1) {
      out.error('render needs exactly one site file', 'see `ciab --help`');
      return EXIT.usage;
    }
    if (!values.output && !values.check) {
      out.error('render needs -o DIR (where to write), or --check to only check', 'see `ciab --help`');
      return EXIT.usage;
    }
    const { renderCommand } = await import('./commands/render-command.js');
    return renderCommand(
      {
        siteFile: rest[0]!,
        check: values.check === true,
        ...(values.output ? { outDir: values.output } : {}),
        ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
        ...(values['vault-password-file'] ? { vaultPasswordFile: values['vault-password-file'] } : {}),
        ...(values['registry-password-file'] ? { registryPasswordFile: values['registry-password-file'] } : {}),
      },
      out,
    );
  }
  if (command === 'bundle') {
    const [sub, dir, ...extra] = rest;
    if ((sub !== 'verify' && sub !== 'create') || dir === undefined || extra.length > 0) {
      out.error('usage: ciab bundle verify <dir> --allowed-signers FILE | ciab bundle create <dir> --key KEY', 'see `ciab --help`');
      return EXIT.usage;
    }
    const { bundleCreateCommand, bundleVerifyCommand } = await import('./commands/bundle-command.js');
    if (sub === 'create') {
      if (!values.key) {
        out.error('bundle create needs --key KEY (the private key to sign the manifest with)', 'see `ciab --help`');
        return EXIT.usage;
      }
      return bundleCreateCommand({ dir, key: values.key, ...(values.name ? { name: values.name } : {}), ...(values.identity ? { identity: values.identity } : {}) }, out);
    }
    if (!values['allowed-signers']) {
      out.error('bundle verify needs --allowed-signers FILE (the OpenSSH allowed_signers file of the site)', 'see `ciab --help`');
      return EXIT.usage;
    }
    return bundleVerifyCommand({ dir, allowedSigners: values['allowed-signers'], ...(values.identity ? { identity: values.identity } : {}) }, out);
  }
  if (command === 'support-bundle') {
    if (rest.length !== 1) {
      out.error('support-bundle needs exactly one journal file', 'see `ciab --help`');
      return EXIT.usage;
    }
    const { supportBundleCommand } = await import('./commands/support-bundle-command.js');
    return supportBundleCommand({ journal: rest[0]!, output: values.output, dataDir: values['data-dir'] }, out);
  }
  if (command === 'replay') {
    if (rest.length !== 1) {
      out.error('replay needs exactly one journal file', 'see `ciab --help`');
      return EXIT.usage;
    }
    const { replayCommand } = await import('./commands/replay-command.js');
    return replayCommand({ file: rest[0]!, grep: values.grep, asciicast: values.asciicast, speed: values.speed, from: values.from }, out);
  }
  if (command === 'deploy') {
    if (rest.length !== 1) {
      out.error('deploy needs exactly one site file', 'see `ciab --help`');
      return EXIT.usage;
    }
    const vars = { ...(values['config-dir'] ? { config_dir: values['config-dir'] } : {}), ...(values['bundle-dir'] ? { bundle_dir: values['bundle-dir'] } : {}) };
    if (values.plan || !values.target) {
      const { deployCommand } = await import('./commands/deploy-command.js');
      return deployCommand({ siteFile: rest[0]!, plan: values.plan === true, vars, playbooksDir: values.playbooks }, out);
    }
    const { deployRunCommand } = await import('./commands/deploy-run-command.js');
    return deployRunCommand({
      siteFile: rest[0]!, target: values.target, identity: values.identity, knownHosts: values['known-hosts'], acceptNew: values['accept-new'] === true,
      resume: values.resume === true, dataDir: values['data-dir'], sudoPasswordFile: values['sudo-password-file'], vaultPasswordFile: values['vault-password-file'],
      registryPasswordFile: values['registry-password-file'], bundle: values.bundle, stateDir: values['state-dir'], vars, playbooksDir: values.playbooks,
    }, out);
  }
  if (rest.length > 0) {
    out.error(`unexpected argument ${JSON.stringify(rest[0])} for ${command}`, 'see `ciab --help`');
    return EXIT.usage;
  }
  const intOpt = (name: string, raw: string | undefined, dflt: number, max: number): number | null => {
    if (raw === undefined) return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > max) {
      out.error(`--${name} must be a whole number from 0 to ${max}, not ${JSON.stringify(raw)}`);
      return null;
    }
    return n;
  };
  const demoHardware = values['demo-hardware'];
  if (demoHardware !== undefined && !SIM_HARDWARE.includes(demoHardware)) {
    out.error(`--demo-hardware must be one of ${SIM_HARDWARE.join(', ')}, not ${JSON.stringify(demoHardware)}`);
    return EXIT.usage;
  }
  const hw = demoHardware ? { demoHardware: demoHardware as SimHardware } : {};
  const demoDeploy = demoDeployArgs(values['demo-speed'], values['demo-fault']);
  if (!demoDeploy.ok) {
    out.error(demoDeploy.error);
    return EXIT.usage;
  }
  switch (command) {
    case 'serve': {
      const port = intOpt('port', values.port, 0, 65535);
      if (port === null) return EXIT.usage;
      // Commands load lazily: `ciab --help` and `ciab probe` should not pay for the web server.
      const { serveCommand } = await import('./commands/serve-command.js');
      return serveCommand({ port, open: !values['no-open'], demoServer: !values['no-demo-server'], ...hw, demoDeploy: demoDeploy.value, ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}) }, out);
    }
    case 'demo': {
      const stepMs = intOpt('step-ms', values['step-ms'], 50, 60_000);
      if (stepMs === null) return EXIT.usage;
      const { demoCommand } = await import('./commands/demo-command.js');
      return demoCommand({ stepMs, timeoutMs: 10 * 60_000, ...hw, ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}) }, out);
    }
    default:
      out.error(`unknown command ${JSON.stringify(command)}`, 'see `ciab --help`');
      return EXIT.usage;
  }
}
