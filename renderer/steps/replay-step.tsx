// SPDX-License-Identifier: Apache-2.0
// Replay: support staff will open an install journal or support bundle here. Until that lands the
// screen says so plainly and offers the way back.
import type { ReactElement } from 'react';
import { Screen } from '../components/screen.js';
import { StepFooter } from '../components/step-footer.js';
import { useInstallerContext, useView } from '../hooks/installer-context.js';

/** The replay placeholder. */
export function ReplayStep(): ReactElement {
  const view = useView();
  const { send } = useInstallerContext();
  return (
    <>
      <Screen screenKey={view.state} eyebrow="Support" title="Replay an install" lead="Open an install journal or a support bundle to replay an install: timeline, phase markers, search, and a jump to the failure.">
        <div className="panel panel--muted">
          <h2>Opening journals is not available in this version yet</h2>
          <p>
            Install journals are already written for every install and demo (newline-delimited JSON in the installer’s data directory). The replay viewer that opens them arrives in a later
            version.
          </p>
        </div>
      </Screen>
      <StepFooter showNext={false} hideBack primary={{ label: 'Back to the start', onClick: () => void send({ type: 'BACK' }), pendingKey: 'BACK' }} />
    </>
  );
}
