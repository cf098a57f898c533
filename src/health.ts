import { createServer, type Server } from 'node:http';

export interface Health {
  ready: boolean;
  [key: string]: unknown;
}

export interface HealthServerOptions {
  port: number;
  host: string;
  health: () => Health | Promise<Health>;
  metrics: () => Promise<{ contentType: string; body: string }>;
}

/**
 * `/healthz` (200 when ready, else 503, with a JSON body saying why) and `/metrics` (Prometheus
 * text). Bound to 127.0.0.1 unless configured otherwise.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const fail = (err: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    };
    if (path === '/healthz') {
      Promise.resolve(options.health())
        .then((h) => {
          res.writeHead(h.ready ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify(h));
        })
        .catch(fail);
    } else if (path === '/metrics') {
      options
        .metrics()
        .then((m) => {
          res.writeHead(200, { 'content-type': m.contentType });
          res.end(m.body);
        })
        .catch(fail);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('careerbot: /healthz and /metrics\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  server.unref();
  return server;
}
