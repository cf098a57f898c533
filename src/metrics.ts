import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The bot's Prometheus metrics, in a registry of its own (no global state). */
export class Metrics {
  readonly registry = new Registry();
  readonly interactions: Counter<'kind' | 'command' | 'outcome'>;
  readonly latency: Histogram<'kind'>;
  readonly reloads: Counter<'result'>;
  readonly cooldownHits: Counter;
  readonly feedback: Counter<'vote'>;
  readonly noMatch: Counter<'command'>;
  readonly insightsDropped: Counter;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'careerbot_' });
    this.interactions = new Counter({
      name: 'careerbot_interactions_total',
      help: 'Interactions handled, by kind (command, button, autocomplete), command and outcome.',
      labelNames: ['kind', 'command', 'outcome'],
      registers: [this.registry],
    });
    this.latency = new Histogram({
      name: 'careerbot_reply_seconds',
      help: 'From receiving an interaction to Discord accepting the reply.',
      labelNames: ['kind'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.reloads = new Counter({
      name: 'careerbot_knowledge_reloads_total',
      help: 'Knowledge reloads, by result (ok or error; an error keeps the last good index).',
      labelNames: ['result'],
      registers: [this.registry],
    });
    this.cooldownHits = new Counter({
      name: 'careerbot_cooldown_hits_total',
      help: 'Requests refused because the member asked too often.',
      registers: [this.registry],
    });
    this.feedback = new Counter({
      name: 'careerbot_feedback_total',
      help: 'Votes on answers, by vote (up, down).',
      labelNames: ['vote'],
      registers: [this.registry],
    });
    this.noMatch = new Counter({
      name: 'careerbot_no_match_total',
      help: 'Answers that were the honest "no good match", by command.',
      labelNames: ['command'],
      registers: [this.registry],
    });
    this.insightsDropped = new Counter({
      name: 'careerbot_insights_dropped_total',
      help: 'Answers and votes the insights store could not take (queue full, store down): the replies went out.',
      registers: [this.registry],
    });
  }
}
