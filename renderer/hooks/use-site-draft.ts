// SPDX-License-Identifier: Apache-2.0
// The site step's draft: one site object the form and the YAML text both edit (the YAML kept as a
// `yaml` Document so comments survive form edits), sent as SET_SITE while the operator types
// (debounced), pre-filled once from the probe, imported from a file and exported without the
// registry password, which only ever goes to the backend with secrets.set.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Document } from 'yaml';
import type { HardwareReport } from '../../electron/api/generated/hardware-report-types.js';
import { asHardwareReport } from '../lib/hardware-report.js';
import { getAt, setAt, takePassword, type SiteObject } from '../lib/site-draft.js';
import { probeSuggestions, staticSuggestions, type ProbeSuggestions } from '../lib/site-probe.js';
import { documentText, exportText, newDocument, parseSiteText, syncDocument, type YamlProblem } from '../lib/site-yaml.js';
import { useInstallerContext, useView } from './installer-context.js';
import { useDebounced } from './use-debounced.js';

/** A message about the last import or the password hand-over. */
export interface DraftNote {
  tone: 'info' | 'error';
  text: string;
}

function initialSite(config: Record<string, unknown> | null): SiteObject {
  return config && Object.keys(config).length > 0 ? takePassword(config).site : { type: 'sandbox' };
}

/** The draft, its YAML text and every way to change them. */
export function useSiteDraft() {
  const view = useView();
  const { send, request } = useInstallerContext();
  const [initial] = useState(() => {
    const config = view.site.config;
    const start = initialSite(config);
    const startDoc = newDocument(start);
    // A fresh site (or one without a management NIC yet) takes the probe's suggestions.
    const isFresh = config === null || config.management === undefined;
    return { site: start, doc: startDoc, text: documentText(startDoc), fresh: isFresh, touched: config !== null && !isFresh };
  });
  const fresh = useRef(initial.fresh);
  const [site, setSite] = useState<SiteObject>(initial.site);
  const siteRef = useRef(site);
  const doc = useRef<Document>(initial.doc);
  const [yamlText, setYamlText] = useState(initial.text);
  const [yamlProblem, setYamlProblem] = useState<YamlProblem | null>(null);
  const [touched, setTouched] = useState(initial.touched);
  const [checking, setChecking] = useState(false);
  const [report, setReport] = useState<HardwareReport | null>(null);
  const [probed, setProbed] = useState<ProbeSuggestions>({});
  const [note, setNote] = useState<DraftNote | null>(null);
  const [passwordSent, setPasswordSent] = useState(false);
  const inFlight = useRef(0);

  const { call: sendLater, flush } = useDebounced((s: SiteObject) => {
    inFlight.current++;
    void send({ type: 'SET_SITE', site: s }, { quiet: true }).finally(() => {
      if (--inFlight.current === 0) setChecking(false);
    });
  }, 200);

  /** Takes `next` as the draft; the YAML document follows unless the edit came from it. */
  const commit = useCallback(
    (next: SiteObject, opts: { fromYaml?: boolean; quietly?: boolean } = {}) => {
      if (!opts.fromYaml) {
        doc.current = syncDocument(doc.current, siteRef.current, next);
        setYamlText(documentText(doc.current));
        setYamlProblem(null);
      }
      siteRef.current = next;
      setSite(next);
      if (!opts.quietly) setTouched(true);
      setChecking(true);
      sendLater(next);
    },
    [sendLater],
  );

  const storePassword = useCallback(
    async (value: string): Promise<boolean> => {
      const ok = (await request('secrets.set', { kind: 'registry-password', value }, 'Handing over the registry password')) !== null;
      if (ok) setPasswordSent(true);
      return ok;
    },
    [request],
  );

  // Read the probe once: the pickers list its NICs and disks; a fresh site takes its suggestions.
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    void request('hardware.report', {}, 'Reading the probe report').then((res) => {
      const r = asHardwareReport(res?.report);
      setReport(r);
      const suggestions = r ? probeSuggestions(r) : {};
      setProbed(suggestions);
      if (!fresh.current) return;
      let next = siteRef.current;
      for (const [pointer, value] of Object.entries(suggestions)) if (getAt(next, pointer) === undefined) next = setAt(next, pointer, value);
      commit(next, { quietly: true });
    });
  }, [request, commit]);

  /** Sets one field; DHCP off takes the NIC's current address and gateway as a suggestion, DHCP on drops them. */
  const set = useCallback(
    (pointer: string, value: unknown) => {
      let next = setAt(siteRef.current, pointer, value);
      if (pointer === '/management/dhcp') {
        if (value === false && report && getAt(next, '/management/address') === undefined) {
          const sug = staticSuggestions(report, String(getAt(next, '/management/interface') ?? ''));
          for (const [p, v] of Object.entries(sug)) next = setAt(next, p, v);
          setProbed((old) => ({ ...old, ...sug }));
        } else if (value !== false) {
          next = setAt(setAt(next, '/management/address', undefined), '/management/gateway', undefined);
        }
      }
      commit(next);
    },
    [commit, report],
  );

  /** The operator typed in the YAML view: the form follows when the text parses. */
  const editYaml = useCallback(
    (text: string) => {
      setYamlText(text);
      const parsed = parseSiteText(text);
      if (!parsed.ok) {
        setYamlProblem(parsed.problem);
        setTouched(true);
        return;
      }
      setYamlProblem(null);
      doc.current = parsed.doc;
      commit(takePassword(parsed.site).site, { fromYaml: true });
    },
    [commit],
  );

  /** A password typed into the YAML moves to the secret store when the operator leaves the text. */
  const settleYaml = useCallback(async () => {
    if (!doc.current.hasIn(['registry', 'password'])) return;
    // The text as typed: YAML would read `password: 0123` as the number 123.
    const node = doc.current.getIn(['registry', 'password'], true) as { source?: string; value?: unknown } | undefined;
    const pw = typeof node?.source === 'string' ? node.source : node?.value === undefined || node.value === null ? '' : String(node.value);
    if (pw !== '' && !(await storePassword(pw))) return;
    doc.current.deleteIn(['registry', 'password']);
    setYamlText(documentText(doc.current));
    setNote({ tone: 'info', text: 'The registry password was handed to the installer for this session and taken out of the YAML; it is never written to the site file.' });
  }, [storePassword]);

  const undoYaml = useCallback(() => {
    setYamlText(documentText(doc.current));
    setYamlProblem(null);
  }, []);

  /** Reads a YAML or JSON site file; a broken one lands in the YAML view with its line named. */
  const importFile = useCallback(
    async (file: File) => {
      const text = await file.text();
      const parsed = parseSiteText(text);
      if (!parsed.ok) {
        setYamlText(text);
        setYamlProblem(parsed.problem);
        setNote({ tone: 'error', text: `${file.name} could not be read${parsed.problem.line ? ` (line ${parsed.problem.line})` : ''}: ${parsed.problem.message}. Its text is in the YAML view to fix; the form is unchanged.` });
        return false;
      }
      const { site: clean, password } = takePassword(parsed.site);
      if (password !== null) await storePassword(password);
      if (parsed.doc.hasIn(['registry', 'password'])) parsed.doc.deleteIn(['registry', 'password']);
      doc.current = parsed.doc;
      setYamlText(documentText(parsed.doc));
      setYamlProblem(null);
      commit(clean, { fromYaml: true });
      setNote({ tone: 'info', text: `Imported ${file.name}.${password !== null ? ' Its registry password was handed to the installer for this session and is not kept in the form.' : ''}` });
      return true;
    },
    [commit, storePassword],
  );

  /** Downloads `<name>.site.yaml` (never with the registry password). */
  const exportFile = useCallback(() => {
    const text = exportText(doc.current, siteRef.current);
    const name = typeof siteRef.current.name === 'string' && siteRef.current.name !== '' ? siteRef.current.name : 'site';
    const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name}.site.yaml`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }, []);

  return {
    site,
    set,
    touched,
    checking,
    report,
    probed,
    yamlText,
    yamlProblem,
    editYaml,
    settleYaml,
    undoYaml,
    importFile,
    exportFile,
    note,
    dismissNote: () => setNote(null),
    passwordStored: view.site.registryPassword === true || passwordSent,
    storePassword,
    flush,
  };
}
