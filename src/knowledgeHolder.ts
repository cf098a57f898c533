import { watch, type FSWatcher } from 'node:fs';
import { Engine } from './search/engine.js';
import { loadEngine } from './engineCache.js';

export interface ReloadResult {
  ok: boolean;
  at: string;
  /** Why the last reload failed: every problem as `path:line: what is wrong`. */
  error?: string;
  documents: number;
  passages: number;
  ms: number;
}

export interface KnowledgeHolderOptions {
  dir: string;
  cacheDir?: string | false;
  /** Quiet time after the last file event before reloading (editors write in several steps). */
  debounceMs?: number;
  onReload?: (result: ReloadResult) => void;
}

/**
 * Holds the current engine and rebuilds it when the knowledge changes: on file events in the
 * knowledge folder (debounced) or on request (SIGHUP). A broken edit keeps the last good engine
 * serving and reports what is wrong; fixing the file reloads.
 */
export class KnowledgeHolder {
  private engine: Engine;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ReloadResult> | undefined;
  private again = false;
  last: ReloadResult;

  private constructor(
    engine: Engine,
    private readonly options: KnowledgeHolderOptions,
    ms: number,
  ) {
    this.engine = engine;
    this.last = this.result(true, ms);
  }

  /**
   * Loads the knowledge once. A broken document is left out (listed in `current.problems`, so the
   * caller logs it and health says degraded) and the others are served; a broken thesaurus, or no
   * valid document at all, is an error for the caller. Reloads stay strict: a broken edit keeps
   * the last good engine.
   */
  static async open(options: KnowledgeHolderOptions): Promise<KnowledgeHolder> {
    const t0 = performance.now();
    const engine = await loadEngine(options.dir, {
      ...KnowledgeHolder.loadOptions(options),
      skipBroken: true,
    });
    return new KnowledgeHolder(engine, options, performance.now() - t0);
  }

  private static loadOptions(options: KnowledgeHolderOptions) {
    return options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir };
  }

  /** The engine answering now. */
  get current(): Engine {
    return this.engine;
  }

  /** Rebuilds from the folder; concurrent requests share one rebuild, and one more runs after it. */
  reload(): Promise<ReloadResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.rebuild().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.reload();
      }
    });
    return this.running;
  }

  private async rebuild(): Promise<ReloadResult> {
    const t0 = performance.now();
    try {
      const engine = await loadEngine(this.options.dir, KnowledgeHolder.loadOptions(this.options));
      const changed =
        engine.fingerprint !== this.engine.fingerprint || engine.sources.size !== this.engine.sources.size;
      if (changed) this.engine = engine;
      this.last = this.result(true, performance.now() - t0);
    } catch (err) {
      this.last = this.result(
        false,
        performance.now() - t0,
        err instanceof Error ? err.message : String(err),
      );
    }
    this.options.onReload?.(this.last);
    return this.last;
  }

  /** Watches the knowledge folder; returns a function that stops watching. */
  watch(): () => void {
    const debounceMs = this.options.debounceMs ?? 300;
    this.watcher = watch(this.options.dir, { persistent: false }, () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.reload(), debounceMs);
    });
    this.watcher.on('error', () => undefined);
    return () => this.close();
  }

  close(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }

  private result(ok: boolean, ms: number, error?: string): ReloadResult {
    const r: ReloadResult = {
      ok,
      at: new Date().toISOString(),
      documents: this.engine.sources.size,
      passages: this.engine.passageCount,
      ms: Math.round(ms),
    };
    if (error) r.error = error;
    return r;
  }
}
