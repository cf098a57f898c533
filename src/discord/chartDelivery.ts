/**
 * Chart delivery: a /salary answer goes out with its range chart without ever being late. Charts
 * are drawn off the reply path (a worker thread), cached, and warmed for the filters asked most.
 */
import { InteractionResponseType } from 'discord-api-types/v10';
import type { Logger } from 'pino';
import type { Answer, ChartData } from '../answers/types.js';
import { CHART_FILE, type ChartCache } from '../chart/chartCache.js';
import { describeChart } from '../chart/chartData.js';
import type { RenderedChart } from '../chart/renderChart.js';
import { LEVELS } from '../knowledge/types.js';
import type { PageRequest } from './buttonState.js';
import { messageData, withoutFiles } from './messageJson.js';
import type { ReplyBody, ReplyChart } from './reply.js';
import type { Tracked } from './transport.js';

export interface ChartDeliveryOptions {
  charts: ChartCache;
  /**
   * How long a reply waits for a chart not drawn yet; past it the text goes out and an edit adds
   * the picture (0: never wait).
   */
  chartWaitMs: number;
  /** Whether /salary replies carry the chart picture. */
  salaryChart: boolean;
  logger: Logger;
}

/** Resolves with the job's value, or undefined if it takes longer than `ms` or fails. */
export function within<T>(job: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    job.catch(() => undefined),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms))),
  ]).finally(() => clearTimeout(timer));
}

export class ChartDelivery {
  constructor(private readonly options: ChartDeliveryOptions) {}

  /** Draws the charts most asked for (no filter, each level) while nobody waits, one at a time. */
  async warm(run: (request: PageRequest) => Answer, stopping: () => boolean): Promise<void> {
    if (!this.options.salaryChart) return;
    const started = performance.now();
    let drawn = 0;
    for (const level of [undefined, ...LEVELS]) {
      if (stopping()) return;
      const answer = run({ command: 'salary', options: level ? { level } : {}, offset: 0 });
      if (answer.kind !== 'passages' || !answer.chart) continue;
      const chart = await this.options.charts
        .get(answer.chart)
        .catch((err: unknown) => this.log(answer.chart!, err));
      if (chart) drawn++;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    this.options.logger.info(
      { charts: drawn, ms: Math.round(performance.now() - started) },
      'salary charts drawn',
    );
  }

  log(data: ChartData, err: unknown): void {
    this.options.logger.warn({ err, chart: data.title }, 'salary chart not drawn; replying without it');
  }

  /**
   * Sends an answer as a new message (`reply`) or in place of the clicked one (`update`), with its
   * chart when it has one. A chart already drawn goes with it; one being drawn is waited for up to
   * `chartWaitMs`, after which the text goes out at once and an edit of the message adds the picture
   * when it is ready (none if drawing fails), so the reply is never late and never deferred. Where
   * the first response cannot carry files (the HTTP endpoint), the picture always comes in an edit.
   * `keep`: the chart already on the message being updated, shown again without sending it.
   */
  async send(
    t: Tracked,
    answer: Answer,
    build: (chart?: ReplyChart) => ReplyBody,
    mode: 'reply' | 'update',
    keep?: string,
  ): Promise<void> {
    const type =
      mode === 'reply'
        ? InteractionResponseType.ChannelMessageWithSource
        : InteractionResponseType.UpdateMessage;
    const send = async (body: ReplyBody) => {
      if (body.files?.length && !t.filesInResponse) {
        await t.respond({ type, data: messageData(withoutFiles(body), mode === 'update') });
        await t.edit(messageData(body, true), body.files);
      } else await t.respond({ type, data: messageData(body, mode === 'update') }, body.files);
    };
    const data =
      answer.kind === 'passages' && answer.offset === 0 && this.options.salaryChart
        ? answer.chart
        : undefined;
    if (!data) return send(build());
    const picture = (chart: RenderedChart): ReplyChart => ({
      name: CHART_FILE,
      description: describeChart(data),
      png: chart.png,
    });
    if (keep) return send(build({ name: CHART_FILE, description: describeChart(data), keep }));
    const { charts, chartWaitMs } = this.options;
    const ready = charts.peek(data);
    if (ready) return send(build(picture(ready)));
    const job = charts.get(data);
    // A chart being drawn is waited for briefly (where the response can carry it); past that, the
    // text goes out at once and an edit of the message adds the picture when it is drawn.
    const drawn = t.filesInResponse && chartWaitMs > 0 ? await within(job, chartWaitMs) : undefined;
    if (drawn) return send(build(picture(drawn)));
    await t.respond({ type, data: messageData(build(), mode === 'update') });
    const late = await job.catch((err: unknown) => void this.log(data, err));
    if (late) {
      const body = build(picture(late));
      await t.edit(messageData(body, true), body.files);
    }
  }
}
