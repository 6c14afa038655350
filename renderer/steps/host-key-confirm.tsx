// SPDX-License-Identifier: Apache-2.0
// First connection to a server (target.confirmHostKey): show the key's fingerprint and how to
// compare it on the server console before trusting it — or, when the key belongs to a ProxyJump
// host on the way, on that jump host's console. Trusting pins the key for every later
// connection; it is never triggered by Enter alone.
import type { ReactElement } from 'react';
import { CodeBlock } from '../components/copy-button.js';
import { Screen } from '../components/screen.js';
import { StepFooter } from '../components/step-footer.js';
import { useInstallerContext, useView } from '../hooks/installer-context.js';
import { formatTarget } from '../lib/format.js';
import { fingerprintCommand } from '../lib/host-key.js';
import { isDemo, stepEyebrow } from '../lib/view-state.js';
import { Fingerprint } from './fingerprint.js';

/** The host-key confirmation screen. */
export function HostKeyConfirm(): ReactElement {
  const view = useView();
  const { send } = useInstallerContext();
  const key = view.hostKey;
  const where = view.target ? formatTarget(view.target) : 'the server';
  if (!key) return <Screen screenKey={view.state} title="Waiting for the server’s host key" />;
  const hop = key.hop ?? null;
  const who = hop === null ? 'server' : 'jump host';
  return (
    <>
      <Screen
        screenKey={view.state}
        eyebrow={stepEyebrow(view, 'target') ?? undefined}
        title={`Verify the ${who}’s identity`}
        lead={
          hop === null ? (
            <>
              This is the first connection to <strong className="mono">{where}</strong>. Before you trust it, make sure the key below really belongs to your server — not to something in between.
            </>
          ) : (
            <>
              The way to <strong className="mono">{where}</strong> leads through the jump host <strong className="mono">{hop}</strong> (ProxyJump in ~/.ssh/config), and this is the first connection to it. Before you trust it, make sure the key below really belongs to that jump host. The server’s own key comes next.
            </>
          )
        }
      >
        <Fingerprint algorithm={key.algorithm} fingerprint={key.fingerprint} label={`Fingerprint the ${who} presented`} />
        {isDemo(view) && (
          <p className="callout callout--demo">
            <strong>Demo:</strong> this is the simulated server’s own key. There is no console to compare it with; on a real server, do the check below.
          </p>
        )}
        <section className="panel" aria-labelledby="compare-title">
          <h2 id="compare-title">How to compare</h2>
          <ol className="steps-list">
            <li>
              On the {who}’s own console (keyboard and screen, or the BMC’s remote console — not over this network), run:
              <CodeBlock code={fingerprintCommand(key.algorithm)} label="the command that prints the fingerprint" />
            </li>
            <li>
              It prints a line like <code>256 SHA256:… root@host (ED25519)</code>. Every character after <code>SHA256:</code> must match the fingerprint above.
            </li>
            <li>If it matches, choose “Trust and connect”. The key is pinned and checked on every later connection. If it does not match, do not connect.</li>
          </ol>
        </section>
      </Screen>
      <StepFooter
        showNext={false}
        secondary={[{ label: 'Do not trust', onClick: () => void send({ type: 'REJECT_HOST_KEY' }), pendingKey: 'REJECT_HOST_KEY' }]}
        primary={{ label: 'Trust and connect', onClick: () => void send({ type: 'ACCEPT_HOST_KEY', fingerprint: key.fingerprint }), pendingKey: 'ACCEPT_HOST_KEY', noEnter: true }}
      />
    </>
  );
}
