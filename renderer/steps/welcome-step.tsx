// SPDX-License-Identifier: Apache-2.0
// The first screen: what this installer does, what the operator needs at hand, and the three ways
// in — a new install, the demo, or replaying a journal. An unfinished install is offered first.
import type { ReactElement } from 'react';
import { Icon, Spinner, type IconName } from '../components/icons.js';
import { Screen } from '../components/screen.js';
import { useInstallerContext, useView } from '../hooks/installer-context.js';
import { formatTarget } from '../lib/format.js';
import { ResumeOfferCard } from './resume-offer.js';

/** The welcome screen. */
export function WelcomeStep(): ReactElement {
  const view = useView();
  const { send, pending, appInfo } = useInstallerContext();
  const offer = view.resumeOffer;
  const busy = pending !== null;
  const demo = appInfo?.demoTarget ?? null;

  const choice = (p: { icon: IconName; title: string; text: string; button: string; event: 'START_INSTALL' | 'START_DEMO' | 'OPEN_REPLAY'; primary: boolean }): ReactElement => (
    <li className={`choice${p.primary ? ' choice--primary' : ''}`}>
      <Icon name={p.icon} className="choice__icon" />
      <h2 className="choice__title">{p.title}</h2>
      <p className="choice__text">{p.text}</p>
      <button type="button" className={`btn ${p.primary ? 'btn--primary btn--large' : 'btn--secondary'}`} disabled={busy} onClick={() => void send({ type: p.event })}>
        {pending === p.event && <Spinner />}
        {p.button}
      </button>
    </li>
  );

  return (
    <Screen
      screenKey={view.state}
      title="Install a Cloud-in-a-Box site"
      lead="This installer connects to a freshly installed Ubuntu 24.04 server over SSH, checks its hardware, prepares the site configuration and the offline bundle, and deploys OSISM or k3s — without internet access at the site."
    >
      {offer && <ResumeOfferCard offer={offer} />}
      <ul className="choices" aria-label="How do you want to start?">
        {choice({
          icon: 'server',
          title: 'New install',
          text: 'Connect to your server over SSH. You verify its host key before anything runs, and nothing changes on the server until you start the deploy.',
          button: 'Start a new install',
          event: 'START_INSTALL',
          primary: offer === null,
        })}
        {choice({
          icon: 'play',
          title: 'Demo',
          text: demo
            ? `Walk through every screen against the built-in simulated server (${formatTarget(demo)}). No real server is touched; every screen is marked Demo.`
            : 'Walk through every screen against a built-in simulated server. No real server is touched; every screen is marked Demo.',
          button: 'Start the demo',
          event: 'START_DEMO',
          primary: false,
        })}
        {choice({
          icon: 'history',
          title: 'Replay an install',
          text: 'For support: open an install journal or support bundle and replay what happened, step by step.',
          button: 'Open a journal',
          event: 'OPEN_REPLAY',
          primary: false,
        })}
      </ul>
      <section className="checklist" aria-labelledby="need-title">
        <h2 id="need-title">Have at hand for a real install</h2>
        <ul>
          <li>The server’s address and an SSH login: a key, your SSH agent, or a password.</li>
          <li>Access to the server’s console, to compare its host-key fingerprint.</li>
          <li>The air-gap bundle for this site (for example on a USB drive), and the site’s network, DNS and NTP details.</li>
        </ul>
      </section>
    </Screen>
  );
}
