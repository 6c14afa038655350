// SPDX-License-Identifier: Apache-2.0
// The app frame: header (demo badge, theme), the SSH connection banner and notices, the step
// rail, and the screen for the current workflow step. It renders the latest WorkflowView and
// holds no workflow state.
import type { ReactElement } from 'react';
import type { Backend } from './api.js';
import { AppHeader } from './components/app-header.js';
import { ConnectionOverlay } from './components/connection-overlay.js';
import { Spinner } from './components/icons.js';
import { NoticeBanners } from './components/notice-banner.js';
import { SshConnectionBanner } from './components/ssh-connection-banner.js';
import { StepRail } from './components/step-rail.js';
import { InstallerContext } from './hooks/installer-context.js';
import { useInstaller } from './hooks/use-installer.js';
import { isDemo } from './lib/view-state.js';
import { BundleStep } from './steps/bundle-step.js';
import { DeployStep } from './steps/deploy-step.js';
import { DoneStep } from './steps/done-step.js';
import { HardwareStep } from './steps/hardware-step.js';
import { ReplayStep } from './steps/replay-step.js';
import { ReviewStep } from './steps/review-step.js';
import { SiteStep } from './steps/site-step.js';
import { TargetStep } from './steps/target-step.js';
import { WelcomeStep } from './steps/welcome-step.js';
import { useThemeChoice } from './theme/use-theme.js';
import type { StepId } from '../electron/api/contract.js';

const SCREENS: Record<StepId, () => ReactElement> = {
  welcome: WelcomeStep,
  replay: ReplayStep,
  target: TargetStep,
  hardware: HardwareStep,
  site: SiteStep,
  bundle: BundleStep,
  review: ReviewStep,
  deploy: DeployStep,
  done: DoneStep,
};

/** The whole renderer for one backend connection. */
export function App({ backend }: { backend: Backend }): ReactElement {
  const installer = useInstaller(backend);
  const [theme, setTheme] = useThemeChoice();
  const { view, appInfo } = installer;
  const demo = view !== null && isDemo(view);
  const StepScreen = view ? SCREENS[view.step] : null;
  const offline = installer.connection.status === 'offline';

  return (
    <InstallerContext.Provider value={installer}>
      <button type="button" className="skip-link" inert={offline} onClick={() => document.querySelector<HTMLElement>('#main-content h1')?.focus()}>
        Skip to the current step
      </button>
      {/* While offline nothing behind the overlay may be used: it may no longer be true. */}
      <div className={`app${demo ? ' app--demo' : ''}`} inert={offline}>
        <AppHeader version={appInfo?.version ?? null} demo={demo} theme={theme} onTheme={setTheme} transport={backend.transport} />
        <div className="app-banners">
          <SshConnectionBanner />
          <NoticeBanners notices={installer.notices} onDismiss={installer.dismissNotice} />
        </div>
        <aside className="app-rail">{view && <StepRail steps={view.steps} disabled={installer.pending !== null} onGoto={(e) => void installer.send(e)} />}</aside>
        <main className="app-main" data-state={view?.state}>
          {StepScreen && view ? (
            <StepScreen key={view.step} />
          ) : (
            <div className="screen screen--loading" role="status">
              <Spinner /> Loading the installer…
            </div>
          )}
        </main>
      </div>
      <ConnectionOverlay connection={installer.connection} onRetry={backend.retryNow} />
    </InstallerContext.Provider>
  );
}
