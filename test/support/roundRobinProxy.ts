import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An ordinary round-robin HTTP load balancer on 127.0.0.1 (what nginx or a cloud LB does in
 * front of the replicas): request n goes to upstream n mod N, body and answer passed through.
 */
export class RoundRobinProxy {
  private next = 0;
  /** How many requests each upstream was sent. */
  readonly sent: number[];
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  private constructor(
    private readonly server: Server,
    private readonly upstreams: string[],
  ) {
    this.sent = upstreams.map(() => 0);
  }

  static async start(upstreams: string[]): Promise<RoundRobinProxy> {
    const server = createServer();
    const proxy = new RoundRobinProxy(server, upstreams);
    server.on('request', (req, res) => {
      const i = proxy.next++ % upstreams.length;
      proxy.sent[i]!++;
      const target = new URL(req.url ?? '/', upstreams[i]);
      const out = request(
        target,
        { method: req.method, headers: { ...req.headers, host: target.host }, agent: proxy.agent },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on('error', () => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('bad gateway');
      });
      req.pipe(out);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.agent.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
