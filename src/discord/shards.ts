import { ShardingManager } from 'discord.js';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import type { Logger } from 'pino';
import type { Health } from '../health.js';

export interface ShardManagerHandle {
  manager: ShardingManager;
  health(): Promise<Health>;
  metrics(): Promise<{ contentType: string; body: string }>;
  stop(): Promise<void>;
}

type MetricJson = MetricObjectWithValues<MetricValue<string>>;
type CareerbotClient = { careerbot?: { status(): Health; metrics(): Promise<MetricJson[]> } };

/**
 * Runs `script` (this same entry point) as `totalShards` shard processes with discord.js's
 * ShardingManager; each process connects its shard and answers the interactions routed to it.
 * The manager process serves health and metrics for all of them.
 */
export async function startShardManager(
  script: string,
  token: string,
  totalShards: number,
  logger: Logger,
  /** Only these of the shards run here (SHARD_IDS): several machines split one bot's gateway. */
  shardList?: number[],
): Promise<ShardManagerHandle> {
  const manager = new ShardingManager(script, {
    token,
    totalShards,
    ...(shardList ? { shardList } : {}),
    mode: 'process',
    respawn: true,
  });
  manager.on('shardCreate', (shard) => {
    logger.info({ shardId: shard.id }, 'shard started');
    shard.on('death', () => logger.error({ shardId: shard.id }, 'shard process exited; respawning'));
  });
  await manager.spawn({ amount: totalShards, delay: 0, timeout: 60_000 });
  const running = shardList?.length ?? totalShards;

  const perShard = async () =>
    Promise.all(
      [...manager.shards.values()].map(async (shard) => {
        try {
          const status = await shard.eval((c) => (c as unknown as CareerbotClient).careerbot?.status());
          return { id: shard.id, ...(status ?? { ready: false }) };
        } catch (err) {
          return { id: shard.id, ready: false, error: err instanceof Error ? err.message : String(err) };
        }
      }),
    );
  return {
    manager,
    async health() {
      const shards = await perShard();
      return { ready: shards.length === running && shards.every((s) => s.ready), shards };
    },
    async metrics() {
      const all = (await manager.broadcastEval((c) =>
        (c as unknown as CareerbotClient).careerbot?.metrics(),
      )) as Array<MetricJson[] | undefined>;
      const registry = AggregatorRegistry.aggregate(all.filter((m): m is MetricJson[] => Array.isArray(m)));
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    async stop() {
      for (const shard of manager.shards.values()) {
        shard.removeAllListeners('death');
        shard.kill();
      }
    },
  };
}
