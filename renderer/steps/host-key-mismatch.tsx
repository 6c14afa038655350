// SPDX-License-Identifier: Apache-2.0
// Hard stop (target.hostKeyMismatch): the server (or a ProxyJump host on the way) presents a
// different key than the pinned one.
// Explains the risk and what to do; deliberately offers no way to ignore it — only another target.
import type { ReactElement } from 'react';
import { CodeBlock } from '../components/copy-button.js';
import { Icon } from '../components/icons.js';
import { Screen } from '../components/screen.js';
import { StepFooter } from '../components/step-footer.js';
import { useInstallerContext, useView } from '../hooks/installer-context.js';
import { formatTarget } from '../lib/format.js';
import { fingerprintCommand, hopAddress, removePinCommand } from '../lib/host-key.js';
import { targetInputOf } from '../lib/target-draft.js';
import { stepEyebrow } from '../lib/view-state.js';
import { Fingerprint } from './fingerprint.js';

/** The host-key mismatch stop screen. */
export function HostKeyMismatch(): ReactElement {
  const view = useView();
  const { send, appInfo } = useInstallerContext();
  const key = view.hostKey;
  const t = view.target;
  const hop = key?.hop ?? null;
  const who = hop === null ? 'server' : 'jump host';
  const where = hop ?? (t ? formatTarget(t) : 'the server');
  // The pin to remove: the target's, or the jump host's.
  const pinned = hop !== null ? hopAddress(hop) : t ? { host: t.host, port: t.port } : null;
  const pinFile = appInfo ? `${appInfo.dataDir}/known_hosts` : 'known_hosts in the installer’s data directory';
  return (
    <>
      <Screen screenKey={view.state} eyebrow={stepEyebrow(view, 'target') ?? undefined} title={`Stopped: the ${who}’s host key has changed`}>
        <div className="danger-panel" role="alert">
          <Icon name="shield-alert" className="danger-panel__icon" />
          <div>
            <p>
              {hop !== null && 'The jump host '}
              <strong className="mono">{where}</strong>
              {hop !== null && t ? <> on the way to <strong className="mono">{formatTarget(t)}</strong></> : null} presented a different host key than the one pinned when you first connected. The installer will not connect.
            </p>
            <p>Either the {who} was reinstalled (which creates new keys), or something between this computer and the {who} is intercepting the connection — a man-in-the-middle who could read passwords and change what gets installed.</p>
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
              On the {who}’s own console (not over this network), run:
              <CodeBlock code={fingerprintCommand(key?.algorithm ?? 'ssh-ed25519')} label="the command that prints the fingerprint" />
            </li>
            <li>
              If it shows the <em>found now</em> fingerprint and you know the {who} was reinstalled, remove the old pin deliberately on this computer, then connect again and verify the new key:
              {pinned && <CodeBlock code={removePinCommand(pinned.host, pinned.port, pinFile)} label="the command that removes the old pin" />}
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
