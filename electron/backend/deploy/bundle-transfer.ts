// SPDX-License-Identifier: Apache-2.0
// The deploy's bundle upload as a transfer step: the bundle directory on the node is made (as root, owned
// by the login user), then uploadBundle sends what the server does not hold yet, with progress lines in
// the step's output (and so in the journal) about once a second.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE, parseBundleManifest } from '../airgap/bundle-manifest.js';
import { uploadBundle, type UploadProgress } from '../airgap/upload-bundle.js';
import type { SshSession } from '../ssh/ssh-session.js';
import { shellQuote } from '../ssh/shell-quote.js';
import type { TransferStep } from './deploy-engine.js';
import { runStepCtl } from './runner/ctl-step.js';

const MiB = 1024 * 1024;
const human = (n: number) => (n >= 1024 * MiB ? `${(n / 1024 / MiB).toFixed(2)} GiB` : `${(n / MiB).toFixed(1)} MiB`);

/** One progress line for the step output. */
export function progressLine(p: UploadProgress): string {
  const pct = p.bytesTotal > 0 ? Math.floor((p.bytesDone / p.bytesTotal) * 100) : 100;
  const rate = p.rate > 0 ? `, ${human(p.rate)}/s` : '';
  const eta = p.etaS !== null && p.phase === 'uploading' ? `, about ${Math.ceil(p.etaS)} s left` : '';
  return `${p.phase.padEnd(9)} ${String(pct).padStart(3)}%  ${human(p.bytesDone)} of ${human(p.bytesTotal)}  files ${p.filesDone}/${p.filesTotal}${rate}${eta}${p.file ? `  ${p.file}` : ''}\n`;
}

/** The transfer step that uploads the verified bundle in `localDir` to `remoteDir` on the node. */
export async function bundleTransfer(session: SshSession, localDir: string, remoteDir: string): Promise<TransferStep> {
  const manifest = parseBundleManifest(await readFile(path.join(localDir, MANIFEST_FILE)), path.join(localDir, MANIFEST_FILE));
  const total = manifest.files.reduce((n, f) => n + f.size, 0);
  const user = session.target.username;
  return {
    key: 'ciab/upload-bundle',
    title: `Upload the offline bundle (${human(total)}) to ${remoteDir}`,
    // About 100 MB/s on a LAN, and the server-side hash.
    expectedS: Math.max(2, Math.round(total / (80 * MiB))),
    async run(agent, signal, print) {
      // The directory is root's to make; the upload runs as the login user over SFTP.
      const prep = await runStepCtl(agent.ctl, {
        stateDir: agent.ctl.stateDir,
        stepId: 'ciab.bundle-dir',
        attempt: Math.floor(Date.now() / 1000),
        command: `install -d -m 0755 -o ${shellQuote(user)} ${shellQuote(remoteDir)}\n`,
        timeoutS: 60,
      }, { signal });
      if (prep.exitCode !== 0) throw new Error(`could not create ${remoteDir} owned by ${user} on the node (exit ${String(prep.exitCode)})`);
      print(`Uploading ${manifest.files.length} files (${human(total)}) to ${user}@${session.target.host}:${remoteDir}\n`);
      let last = 0;
      const r = await uploadBundle(session, {
        localDir,
        manifest,
        remoteDir,
        signal,
        onProgress: (p) => {
          const now = Date.now();
          if (p.phase !== 'done' && now - last < 1000) return;
          last = now;
          print(progressLine(p));
        },
      });
      print(`Uploaded ${r.uploaded.length} files (${r.resumed.length} resumed), ${r.skipped.length} already there with the right sha256; ${human(r.bytesSent)} sent in ${r.seconds.toFixed(1)} s, ${r.drops} connection drops survived.\n`);
    },
  };
}
