// SPDX-License-Identifier: Apache-2.0
// The app's renderer of record: renders the workflow's site into the data dir, keeps the masked
// tree of the previous different render to diff against, and answers the review screen. The
// site's generated secrets and vault password come from the persistent site secret store and
// are registered with the redactor before anything else sees them.
import { readFile, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RenderSummary, SiteReview } from '../../api/contract.js';
import type { Redactor } from '../journal/redactor.js';
import { renderSite, type RenderResult } from './render/render-site.js';
import { maskTree, reviewFiles, type MaskedTree } from './render/render-review.js';
import { RenderError } from './render/render-types.js';
import { writeRenderedTree } from './render/write-tree.js';
import { allSecretValues, loadSiteSecrets } from './secrets/site-secret-store.js';
import { validateSite } from './validate-site.js';

interface KeptRender {
  renderedAt: string;
  digest: string;
  tree: MaskedTree;
}

interface History {
  current: KeptRender | null;
  previous: KeptRender | null;
}

/** Renders sites for the workflow and keeps what the review screen needs. */
export class RenderService {
  private last: { result: RenderResult; review: SiteReview } | null = null;
  // One render at a time: a render the workflow abandoned (BACK while rendering) still finishes,
  // and must neither interleave with the next one's files nor replace its review.
  private queue: Promise<unknown> = Promise.resolve();
  private latest = 0;

  constructor(
    private readonly dataDir: string,
    private readonly redactor: Redactor,
    private readonly registryPassword: () => string | undefined,
  ) {}

  /** Where the tree of a site is written. */
  outputDir(site: string): string {
    return path.join(this.dataDir, 'renders', site, 'tree');
  }

  /** Validates and renders `config`, writes the tree, and returns the summary for the workflow. */
  render(config: unknown): Promise<RenderSummary> {
    const ticket = ++this.latest;
    const run = this.queue.then(() => this.renderNow(config, ticket));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async renderNow(config: unknown, ticket: number): Promise<RenderSummary> {
    const v = validateSite(config);
    if (!v.resolved) {
      const e = v.errors[0];
      throw new RenderError(`The site configuration is not valid: ${e ? `${e.field} ${e.message}` : 'unknown problem'}`, e?.field);
    }
    const site = v.resolved;
    const { vaultPassword, secrets } = await loadSiteSecrets(this.dataDir, site);
    this.redactor.add(vaultPassword);
    const secretValues = new Set(allSecretValues(secrets));
    for (const s of secretValues) this.redactor.add(s);
    const registryPassword = site.registry.password ?? this.registryPassword();
    if (registryPassword !== undefined) {
      this.redactor.add(registryPassword);
      secretValues.add(registryPassword);
    }
    secretValues.add(vaultPassword);
    const result = renderSite({ site, secrets, vaultPassword, ...(registryPassword !== undefined ? { registryPassword } : {}) });
    const outputDir = this.outputDir(site.name);
    await writeRenderedTree(outputDir, result.files);

    const tree = maskTree(result.files, vaultPassword, secretValues);
    const renderedAt = new Date().toISOString();
    const history = await this.history(site.name);
    // "Previous" is the last render that differed: re-entering the review without changes keeps the diff.
    const sameAsCurrent = history.current?.digest === result.digest;
    const next: History = sameAsCurrent ? history : { current: { renderedAt, digest: result.digest, tree }, previous: history.current };
    if (!sameAsCurrent) await this.saveHistory(site.name, next);
    const previous = next.previous;
    const files = reviewFiles(result.files, tree, previous?.tree ?? null);
    const review: SiteReview = {
      status: 'ready',
      site: site.name,
      ciabType: site.type,
      renderedAt: next.current?.renderedAt ?? renderedAt,
      previousAt: previous?.renderedAt ?? null,
      outputDir,
      digest: result.digest,
      files,
      leaks: result.leaks,
    };
    if (ticket === this.latest) this.last = { result, review };
    return {
      status: 'ready',
      files: result.files.length,
      leaks: result.leaks.length,
      changed: previous ? files.filter((f) => f.change !== 'unchanged').length : files.length,
      digest: result.digest,
      error: null,
    };
  }

  /** The review data of the last render (status 'none' before the first). */
  review(): SiteReview {
    return this.last?.review ?? { status: 'none', files: [], leaks: [], previousAt: null };
  }

  private historyFile(site: string): string {
    return path.join(this.dataDir, 'renders', site, 'history.json');
  }

  private async history(site: string): Promise<History> {
    try {
      const h = JSON.parse(await readFile(this.historyFile(site), 'utf8')) as History;
      return { current: h.current ?? null, previous: h.previous ?? null };
    } catch {
      return { current: null, previous: null }; // first render, or an unreadable history: nothing to diff
    }
  }

  private async saveHistory(site: string, h: History): Promise<void> {
    const file = this.historyFile(site);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(`${file}.tmp`, JSON.stringify(h), { mode: 0o600 });
    await rename(`${file}.tmp`, file);
  }
}
