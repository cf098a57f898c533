/**
 * Draws charts on a worker thread, so a drawing (about 100 ms of Vega layout and rasterising) never
 * holds up the interactions the main thread is answering. The worker starts on the first drawing,
 * is restarted if it dies, does not keep the process alive, and stops when it has had nothing to
 * draw for a while: with its libraries it holds about 140 MB, and drawn charts are cached anyway.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { packageRoot } from '../paths.js';
import type { ChartData } from './chartData.js';
import type { RenderedChart } from './renderChart.js';

interface Request {
  id: number;
  data: ChartData;
}
type Reply = { id: number; chart: RenderedChart } | { id: number; error: string };

/** This module's compiled file (a test runner loads the TypeScript source, which a worker cannot run). */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? join(packageRoot(), 'dist', 'src', 'chart', 'chartWorker.js') : here;
}

export class ChartWorker {
  private worker: Worker | undefined;
  private next = 0;
  private readonly pending = new Map<
    number,
    { resolve: (c: RenderedChart) => void; reject: (e: Error) => void }
  >();
  private idle: NodeJS.Timeout | undefined;

  /** `idleMs`: how long the worker stays with nothing to draw before it stops (it starts again when needed). */
  constructor(private readonly idleMs = 30_000) {}

  /** Draws a chart on the worker thread (started now if it is not running). */
  draw = (data: ChartData): Promise<RenderedChart> => {
    const worker = this.start();
    clearTimeout(this.idle);
    const id = ++this.next;
    return new Promise<RenderedChart>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, data } satisfies Request);
    });
  };

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerFile());
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve({ ...reply.chart, png: Buffer.from(reply.chart.png) });
      if (!this.pending.size) {
        this.idle = setTimeout(() => void this.close(), this.idleMs);
        this.idle.unref();
      }
    });
    const fail = (err: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const [, waiting] of this.pending) waiting.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`chart worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  /** Whether the worker thread is running. */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Stops the worker; drawings still waiting are rejected. */
  async close(): Promise<void> {
    clearTimeout(this.idle);
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    for (const [, waiting] of this.pending) waiting.reject(new Error('chart worker stopped'));
    this.pending.clear();
    await worker.terminate();
  }
}

// On the worker thread: draw what is asked, one chart at a time.
if (!isMainThread && parentPort) {
  const port = parentPort;
  const { renderChart } = await import('./renderChart.js');
  port.on('message', (request: Request) => {
    renderChart(request.data).then(
      (chart) => port.postMessage({ id: request.id, chart } satisfies Reply),
      (err: unknown) =>
        port.postMessage({
          id: request.id,
          error: err instanceof Error ? err.message : String(err),
        } satisfies Reply),
    );
  });
}
