// SPDX-License-Identifier: Apache-2.0
// Hard stop (target.hostKeyMismatch): the server presents a different key than the pinned one.
// Explains the risk and what to do; deliberately offers no way to ignore it — only another target.
import type { ReactElement } from 'react';
import { CodeBlock } from '../components/copy-button.js';
import { Icon } from '../components/icons.js';
import { Screen } from '../components/screen.js';
import { StepFooter } from '../components/step-footer.js';
import { useInstallerContext, useView } from '../hooks/installer-context.js';
import { formatTarget } from '../lib/format.js';
import { fingerprintCommand, removePinCommand } from '../lib/host-key.js';
import { targetInputOf } from '../lib/target-draft.js';
import { stepEyebrow } from '../lib/view-state.js';
import { Fingerprint } from './fingerprint.js';

/** The host-key mismatch stop screen. */
export function HostKeyMismatch(): ReactElement {
  const view = useView();
  const { send, appInfo } = useInstallerContext();
  const key = view.hostKey;
  const t = view.target;
  const where = t ? formatTarget(t) : 'the server';
  const pinFile = appInfo ? `${appInfo.dataDir}/known_hosts` : 'known_hosts in the installer’s data directory';
  return (
    <>
      <Screen screenKey={view.state} eyebrow={stepEyebrow(view, 'target') ?? undefined} title="Stopped: the server’s host key has changed">
        <div className="danger-panel" role="alert">
          <Icon name="shield-alert" className="danger-panel__icon" />
          <div>
            <p>
              <strong className="mono">{where}</strong> presented a different host key than the one pinned when you first connected. The installer will not connect.
            </p>
            <p>Either the server was reinstalled (which creates new keys), or something between this computer and the server is intercepting the connection — a man-in-the-middle who could read passwords and change what gets installed.</p>
          </div>
        </div>
        {key && (
          <div className="fingerprint-pair">
            <Fingerprint algorithm={key.algorithm} fingerprint={key.expectedFingerprint ?? 'unknown'} label="Expected (pinned)" tone="good" />
            <Fingerprint algorithm={key.algorithm} fingerprint={key.fingerprint} label="Found now" tone="bad" />
          </div>
        )}
        <section className="panel" aria-labelledby="mismatch-todo">
          <h2 id="mismatch-todo">What to do</h2>
          <ol className="steps-list">
            <li>
              On the server’s own console (not over this network), run:
              <CodeBlock code={fingerprintCommand(key?.algorithm ?? 'ssh-ed25519')} label="the command that prints the fingerprint" />
            </li>
            <li>
              If it shows the <em>found now</em> fingerprint and you know the server was reinstalled, remove the old pin deliberately on this computer, then connect again and verify the new key:
              {t && <CodeBlock code={removePinCommand(t.host, t.port, pinFile)} label="the command that removes the old pin" />}
              If the old key is in your own <code>~/.ssh/known_hosts</code>, remove it there the same way.
            </li>
            <li>If it shows neither fingerprint, or you did not expect a reinstall, do not connect. Tell whoever runs the network at this site.</li>
          </ol>
        </section>
      </Screen>
      <StepFooter showNext={false} primary={t ? { label: 'Change target', onClick: () => void send({ type: 'SET_TARGET', target: targetInputOf(t) }), pendingKey: 'SET_TARGET' } : undefined} />
    </>
  );
}
