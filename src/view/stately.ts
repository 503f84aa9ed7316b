/**
 * Live inspection in the Stately inspector (https://stately.ai/docs/inspector), kept on this
 * machine's loopback: @statelyai/inspect's WebSocket inspector sends the run to a relay bound to
 * 127.0.0.1, and the relay's page embeds the hosted inspector UI, which needs the internet (the
 * local viewer does not). The package's own relay (`@statelyai/inspect/server`) listens on every
 * interface and cannot be told otherwise, so devinst runs this small relay with the same protocol:
 * every text message from one client goes to all the others, and is buffered for late viewers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { closeServer, isLocalHost } from './server.js';

const STATELY_URL = 'https://stately.ai/inspect';

function bridgePage(port: number): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>devinst — Stately inspector</title>
<style>html,body{height:100%;margin:0}iframe{width:100%;height:100%;border:0}</style></head>
<body><iframe id="inspector" src="${STATELY_URL}"></iframe><script>
const frame = document.getElementById('inspector'); const buffer = []; let connected = false;
window.addEventListener('message', (e) => { if (e.data && e.data.type === '@statelyai.connected') { connected = true; buffer.splice(0).forEach((m) => frame.contentWindow.postMessage(m, '*')); } });
const ws = new WebSocket('ws://127.0.0.1:${port}');
ws.onmessage = (e) => { const m = JSON.parse(e.data); if (connected) frame.contentWindow.postMessage(m, '*'); else buffer.push(m); };
</script></body></html>`;
}

export interface Relay {
  readonly url: string;
  readonly wsUrl: string;
  readonly clients: ReadonlySet<WebSocket>;
  waitForClients(count: number, ms: number): Promise<boolean>;
  close(): Promise<void>;
}

export async function startRelay(port = 0): Promise<Relay> {
  let bound = 0;
  const server = http.createServer((req, res) => {
    const ok = isLocalHost(req.headers.host, bound) && (req.url === '/' || req.url === '');
    res.writeHead(ok ? 200 : isLocalHost(req.headers.host, bound) ? 404 : 403, { 'Content-Type': ok ? 'text/html; charset=utf-8' : 'text/plain', 'Cache-Control': 'no-store' });
    res.end(ok ? bridgePage(bound) : 'not found\n');
  });
  const wss = new WebSocketServer({ server, maxPayload: 4 << 20, verifyClient: ({ req }: { req: http.IncomingMessage }) => isLocalHost(req.headers.host, bound) });
  const buffer: string[] = [];
  const clients = new Set<WebSocket>();
  const changed = new Set<() => void>();
  wss.on('connection', (ws) => {
    clients.add(ws);
    for (const m of buffer) ws.send(m);
    ws.on('message', (data) => {
      const text = String(data);
      buffer.push(text);
      if (buffer.length > 2000) buffer.shift();
      for (const other of clients) if (other !== ws && other.readyState === WebSocket.OPEN) other.send(text);
    });
    ws.on('close', () => clients.delete(ws));
    changed.forEach((f) => f());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/`,
    wsUrl: `ws://127.0.0.1:${bound}`,
    clients,
    waitForClients(count, ms) {
      return new Promise((resolve) => {
        const check = () => {
          if (clients.size >= count) finish(true);
        };
        const timer = setTimeout(() => finish(false), ms);
        const finish = (value: boolean) => {
          clearTimeout(timer);
          changed.delete(check);
          resolve(value);
        };
        changed.add(check);
        check();
      });
    },
    close: () => closeServer(server, wss, clients),
  };
}
