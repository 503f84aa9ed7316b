/**
 * The viewer's local web server: 127.0.0.1 only, serving nothing but its own page, its two assets
 * and its data (no files from disk by path, so no traversal and no listing), refusing requests
 * whose Host is not this machine (DNS rebinding) and WebSockets from any other origin. Live runs
 * stream inspection messages to the page over the `/live` WebSocket.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { pageAssets } from './assets.js';
import { servedHtml } from './html.js';
import type { PageData } from './page/main.js';

export type { PageData };

export interface ViewServer {
  readonly url: string;
  readonly port: number;
  /** Live pages connected to /live. */
  readonly clients: ReadonlySet<WebSocket>;
  /** Resolves when a page connects to /live (at once if one is connected); rejects after `ms`. */
  waitForClient(ms: number): Promise<WebSocket>;
  /** Sends a JSON message to every connected page. */
  broadcast(message: unknown): void;
  /** Resolves with the next message a page sends (JSON), or null after `ms`. */
  nextMessage(ms: number): Promise<unknown>;
  close(): Promise<void>;
}

export interface ViewServerOptions {
  readonly data: PageData;
  readonly title: string;
  /** 0 (the default) lets the system choose a free port. */
  readonly port?: number;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether a Host header names this server on a loopback name. */
export function isLocalHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.trim().toLowerCase());
  if (!match) return false;
  return LOCAL_HOSTS.has(match[1]) && Number(match[2] ?? 80) === port;
}

/** Whether an Origin header is this server's own page (or absent: not a browser page). */
export function isOwnOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname === '::1' ? '[::1]' : url.hostname) && Number(url.port || 80) === port;
  } catch {
    return false;
  }
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

export async function startViewServer(options: ViewServerOptions): Promise<ViewServer> {
  const assets = await pageAssets();
  const dataJson = JSON.stringify(options.data);
  let port = 0;
  const routes: Record<string, { type: string; body: () => string }> = {
    '/': { type: 'text/html; charset=utf-8', body: () => servedHtml(options.title) },
    '/assets/page.js': { type: 'text/javascript; charset=utf-8', body: () => assets.script },
    '/assets/page.css': { type: 'text/css; charset=utf-8', body: () => assets.style },
    '/api/data': { type: 'application/json; charset=utf-8', body: () => dataJson },
  };
  const server = http.createServer((req, res) => {
    const send = (status: number, text: string, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type, ...SECURITY_HEADERS });
      res.end(req.method === 'HEAD' ? undefined : text);
    };
    if (!isLocalHost(req.headers.host, port)) return send(403, 'forbidden: this server answers only to 127.0.0.1 and localhost\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    const raw = req.url ?? '/';
    // Only exact routes: anything with a dot-segment, a backslash or an encoded separator is refused.
    if (/(^|\/|\\|%2f|%5c)(\.|%2e){1,2}(\/|\\|%2f|%5c|$)/i.test(raw) || raw.includes('\\') || /%2f|%5c|%00/i.test(raw)) return send(400, 'bad path\n');
    const pathname = raw.split('?')[0];
    const route = routes[pathname];
    if (!route) return send(404, 'not found\n');
    send(200, route.body(), route.type);
  });
  const clients = new Set<WebSocket>();
  const waiting: ((ws: WebSocket) => void)[] = [];
  const inbox: ((message: unknown) => void)[] = [];
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1 << 20,
  });
  server.on('upgrade', (req, socket, head) => {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== '/live' || !isLocalHost(req.headers.host, port) || !isOwnOrigin(req.headers.origin, port)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', (data) => {
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(String(data));
        } catch {
          return;
        }
        inbox.splice(0).forEach((resolve) => resolve(parsed));
      });
      waiting.splice(0).forEach((resolve) => resolve(ws));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    clients,
    waitForClient(ms) {
      const first = [...clients][0];
      if (first) return Promise.resolve(first);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const i = waiting.indexOf(done);
          if (i >= 0) waiting.splice(i, 1);
          reject(new Error('timeout'));
        }, ms);
        const done = (ws: WebSocket) => {
          clearTimeout(timer);
          resolve(ws);
        };
        waiting.push(done);
      });
    },
    broadcast(message) {
      const text = JSON.stringify(message);
      for (const ws of clients) ws.send(text);
    },
    nextMessage(ms) {
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          const i = inbox.indexOf(done);
          if (i >= 0) inbox.splice(i, 1);
          resolve(null);
        }, ms);
        const done = (message: unknown) => {
          clearTimeout(timer);
          resolve(message);
        };
        inbox.push(done);
      });
    },
    close: () => closeServer(server, wss, clients),
  };
}

/** Ends a local server: every WebSocket dropped, the socket server closed, then the HTTP server and its open connections. */
export function closeServer(server: http.Server, wss: WebSocketServer, clients: Iterable<WebSocket>): Promise<void> {
  for (const ws of clients) ws.terminate();
  wss.close();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
