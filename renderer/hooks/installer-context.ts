// SPDX-License-Identifier: Apache-2.0
// Shares the Installer (latest view, send, request) with every screen without prop drilling.
import { createContext, useContext } from 'react';
import type { WorkflowView } from '../../electron/api/contract.js';
import type { Installer } from './use-installer.js';

/** The installer state for the screens; provided by App once the first view has arrived. */
export const InstallerContext = createContext<Installer | null>(null);

/** The Installer; throws when used outside App (a programming error, not an operator one). */
export function useInstallerContext(): Installer {
  const value = useContext(InstallerContext);
  if (value === null) throw new Error('useInstallerContext used outside <InstallerContext.Provider>');
  return value;
}

/** The latest WorkflowView; screens render only once it exists. */
export function useView(): WorkflowView {
  const { view } = useInstallerContext();
  if (view === null) throw new Error('useView used before the first workflow view arrived');
  return view;
}
