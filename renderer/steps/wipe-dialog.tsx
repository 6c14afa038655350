// SPDX-License-Identifier: Apache-2.0
// Wiping a disk that still carries old data: the exact commands (copyable), what is lost, and the
// disk path typed exactly (case matters) before the red button works; the sudo password when sudo
// on the server wants one. Sends WIPE_DISK; the backend runs the commands over SSH and probes again.
import { useId, useState, type ReactElement } from 'react';
import type { CheckResult } from '../../electron/api/contract.js';
import type { Disk, HardwareReport } from '../../electron/api/generated/hardware-report-types.js';
import { CodeBlock } from '../components/copy-button.js';
import { Dialog } from '../components/dialog.js';
import { Icon } from '../components/icons.js';
import { wipeConfirmMatches } from '../lib/checks.js';
import { describeDiskContents } from '../lib/disks.js';
import { formatBytes } from '../lib/format.js';

/** The disk's identity from the probe, so the operator can tell it from the others. */
function DiskFacts({ disk, found }: { disk: Disk | null; found: string }): ReactElement {
  return (
    <dl className="facts facts--compact wipe-dialog__facts">
      {disk?.model && (
        <div className="facts__row">
          <dt>Model</dt>
          <dd>
            {disk.model}
            {disk.serial ? <span className="mono"> · {disk.serial}</span> : null}
          </dd>
        </div>
      )}
      {disk && (
        <div className="facts__row">
          <dt>Size</dt>
          <dd>
            {formatBytes(disk.sizeBytes)}
            {disk.transport ? ` · ${disk.transport.toUpperCase()}` : ''}
            {disk.rotational === false ? ' · SSD' : disk.rotational ? ' · HDD' : ''}
          </dd>
        </div>
      )}
      {disk && disk.byId.length > 0 && (
        <div className="facts__row">
          <dt>By id</dt>
          <dd className="mono">{disk.byId[0]}</dd>
        </div>
      )}
      <div className="facts__row">
        <dt>On it now</dt>
        <dd>{disk ? describeDiskContents(disk) : found}</dd>
      </div>
    </dl>
  );
}

/** What the probe knows about the disk and about sudo on the server (null until the report is read). */
export interface WipeContext {
  disk: Disk | null;
  sudo: HardwareReport['sudo'] | null;
}

/**
 * The wipe dialog for `check` (which carries `wipe`). `onWipe` gets the disk, the typed
 * confirmation and the sudo password ('' when none was typed).
 */
export function WipeDialog({ check, context, onWipe, onCancel }: { check: CheckResult | null; context: WipeContext; onWipe(disk: string, confirm: string, sudoPassword: string): void; onCancel(): void }): ReactElement {
  const [typed, setTyped] = useState('');
  const [sudoPassword, setSudoPassword] = useState('');
  const id = useId();
  const disk = context.disk;
  // Ask for it unless the probe found sudo passwordless.
  const askSudo = context.sudo?.passwordless !== true;
  const wipe = check?.wipe ?? null;
  const path = wipe?.disk ?? '';
  const ok = wipe !== null && wipeConfirmMatches(typed, path);
  const close = (fn: () => void) => (): void => {
    setTyped('');
    setSudoPassword('');
    fn();
  };
  return (
    <Dialog
      open={check !== null && wipe !== null}
      title={`Wipe ${path}?`}
      confirmLabel={`Wipe ${path}`}
      tone="danger"
      className="dialog--wide"
      confirmDisabled={!ok}
      onSubmit={close(() => onWipe(path, typed.trim(), sudoPassword))}
      onCancel={close(onCancel)}
    >
      {check && wipe && (
        <>
          <div className="danger-panel danger-panel--compact">
            <Icon name="warn" className="danger-panel__icon" />
            <p>
              <strong>Everything on {path} is erased for good:</strong> its partition table, file systems, LVM volume groups and RAID signatures, and all files on them. There is no undo. Other disks are not erased, but an LVM volume group or RAID array that also spans them is stopped.
            </p>
          </div>
          <DiskFacts disk={disk} found={check.found} />
          <div>
            <p>
              The installer runs {wipe.commands.length === 1 ? 'this command' : `these ${wipe.commands.length} commands`} on the server as root, then probes the hardware again:
            </p>
            <CodeBlock code={wipe.commands.join('\n')} label={`the commands that wipe ${path}`} />
          </div>
          <div className="field">
            <label htmlFor={id} className="field__label">
              Type <strong className="mono">{path}</strong> to confirm
            </label>
            <input id={id} className="input mono" autoComplete="off" autoCapitalize="off" spellCheck={false} value={typed} autoFocus aria-describedby={`${id}-hint`} onChange={(e) => setTyped(e.target.value)} />
            <p id={`${id}-hint`} className="field__hint" aria-live="polite">
              {ok ? `Ready: pressing “Wipe ${path}” erases it now.` : typed.trim() === '' ? 'Exactly as shown — upper and lower case matter.' : `That is not ${path} — check every character, including upper and lower case.`}
            </p>
          </div>
          {askSudo && (
            <div className="field">
              <label htmlFor={`${id}-sudo`} className="field__label">
                sudo password{context.sudo?.user ? ` for ${context.sudo.user}` : ''}
                {context.sudo?.passwordless === false ? '' : ' (if sudo asks for one)'}
              </label>
              <input id={`${id}-sudo`} className="input input--medium" type="password" autoComplete="off" value={sudoPassword} aria-describedby={`${id}-sudo-hint`} onChange={(e) => setSudoPassword(e.target.value)} />
              <p id={`${id}-sudo-hint`} className="field__hint">
                {context.sudo?.passwordless === false ? 'sudo on the server asks for a password. ' : ''}Leave it empty if you gave it on the Target screen. Kept in memory only and passed to sudo on stdin.
              </p>
            </div>
          )}
        </>
      )}
    </Dialog>
  );
}
