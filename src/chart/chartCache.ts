import { createHash } from 'node:crypto';
import type { ChartData } from './chartData.js';
import { LruMap } from '../util/lruMap.js';
import { renderChart, type RenderedChart } from './renderChart.js';

/** The file name a chart is sent as, and what an embed's image points at (`attachment://…`). */
export const CHART_FILE = 'salary-at-a-glance.png';

/**
 * Drawn charts by what they show: the key is a hash of the chart's rows, title and sources, so a
 * filter asked again costs nothing, and a knowledge change that alters a figure draws anew (the
 * old picture ages out). Renders of the same chart asked at once share one drawing.
 */
export class ChartCache {
  private readonly done: LruMap<string, RenderedChart>;
  private readonly pending = new Map<string, Promise<RenderedChart>>();

  /** `draw`: how a chart is drawn (in this thread by default; the bot draws on a ChartWorker). */
  constructor(
    capacity = 64,
    private readonly draw: (data: ChartData) => Promise<RenderedChart> = renderChart,
  ) {
    this.done = new LruMap(capacity);
  }

  static keyOf(data: ChartData): string {
    return createHash('sha1').update(JSON.stringify(data)).digest('hex');
  }

  /** The chart if it is already drawn (no waiting), else undefined. */
  peek(data: ChartData): RenderedChart | undefined {
    return this.hit(ChartCache.keyOf(data));
  }

  /** The chart, drawn now if it is not yet. */
  get(data: ChartData): Promise<RenderedChart> {
    const key = ChartCache.keyOf(data);
    const hit = this.hit(key);
    if (hit) return Promise.resolve(hit);
    let job = this.pending.get(key);
    if (!job) {
      job = this.draw(data)
        .then((chart) => {
          this.done.set(key, chart);
          return chart;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, job);
    }
    return job;
  }

  /** A drawn chart by key (marked recently used). */
  private hit(key: string): RenderedChart | undefined {
    return this.done.get(key);
  }

  get size(): number {
    return this.done.size;
  }
}
