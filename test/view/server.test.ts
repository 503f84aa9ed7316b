/**
 * The viewer's server answers only on 127.0.0.1, only with its own page, assets and data: no path
 * traversal, no listing, no foreign Host (DNS rebinding), no WebSocket from another origin.
 */
import http from 'node:http';
import { WebSocket } from 'ws';
import { startViewServer, type ViewServer } from '../../src/view/server.js';

function get(server: ViewServer, path: string, host = `127.0.0.1:${server.port}`): Promise<{ status: number; body: string; type?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: server.port, path, headers: { Host: host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ...(res.headers['content-type'] ? { type: res.headers['content-type'] } : {}) }));
    });
    req.on('error', reject);
  });
}

function connect(server: ViewServer, headers: Record<string, string>): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/live`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => {});
  });
}

describe('the viewer server', () => {
  let server: ViewServer;
  beforeAll(async () => {
    server = await startViewServer({ title: 'test', data: { models: [] } });
  }, 30_000);
  afterAll(() => server.close());

  it('should listen on 127.0.0.1 and serve its page, assets and data', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const page = await get(server, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/assets/page.js"></script>');
    expect(page.body).not.toMatch(/https?:\/\//);
    expect((await get(server, '/assets/page.js')).type).toMatch(/^text\/javascript/);
    expect((await get(server, '/assets/page.css')).status).toBe(200);
    expect(JSON.parse((await get(server, '/api/data')).body)).toEqual({ models: [] });
    expect((await get(server, '/', `localhost:${server.port}`)).status).toBe(200);
  });

  it.each(['/../package.json', '/assets/../../package.json', '/%2e%2e/package.json', '/assets/%2e%2e%2fpage.js', '/assets/..%5cpage.js', '/..\\package.json'])(
    'should refuse the traversal %s',
    async (path) => {
      const res = await get(server, path);
      expect([400, 404]).toContain(res.status);
      expect(res.body).not.toContain('"name": "devinst"');
    },
  );

  it('should list no directory and serve nothing it does not know', async () => {
    expect((await get(server, '/assets/')).status).toBe(404);
    expect((await get(server, '/assets')).status).toBe(404);
    expect((await get(server, '/package.json')).status).toBe(404);
  });

  it.each(['evil.example', `evil.example:${0}`, '127.0.0.1.evil.example', '192.168.1.10'])('should refuse the Host %s', async (host) => {
    expect((await get(server, '/', host)).status).toBe(403);
  });

  it('should refuse a Host naming another port', async () => {
    expect((await get(server, '/', `127.0.0.1:${server.port + 1}`)).status).toBe(403);
  });

  it('should accept WebSockets from its own page and refuse other origins', async () => {
    expect(await connect(server, { Origin: `http://127.0.0.1:${server.port}` })).toBe('open');
    expect(await connect(server, { Origin: `http://localhost:${server.port}` })).toBe('open');
    expect(await connect(server, { Origin: 'http://evil.example' })).toBe(403);
    expect(await connect(server, { Origin: `http://127.0.0.1:${server.port + 1}` })).toBe(403);
    expect(await connect(server, { Origin: 'null' })).toBe(403);
  });
});
