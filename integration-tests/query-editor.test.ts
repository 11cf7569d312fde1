import { randomBytes } from 'node:crypto';

import { RunningApp, startApp } from '../src/app/start';
import { personas } from '../src/demo/personas';
import { loadConfig } from '../src/platform/config';
import { createLogger } from '../src/platform/logger';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { startTestServer, TestServer } from './support/test-server';

/**
 * The query editor and the development endpoints over plain HTTP (the browser test,
 * query-editor-browser.test.ts, runs the editor itself): who gets the page, what it may load, the
 * persona endpoints, and that production and a disabled development signer have neither.
 */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
let demo: TestServer;

beforeAll(async () => {
  demo = await startTestServer({ seedDemoData: true });
}, 120_000);

afterAll(async () => {
  await demo?.stop();
});

async function editorPage(baseUrl: string) {
  const response = await fetch(`${baseUrl}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
  return { response, html: await response.text() };
}

describe('the query editor page', () => {
  it('is served to a browser at GET /graphql, from this server only: every script carries the nonce of a CSP that allows nothing else', async () => {
    const { response, html } = await editorPage(demo.baseUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:|\*/);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThanOrEqual(4);
    expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
    // Every file the page names is one of this server's paths; no CDN.
    const references = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((match) => match[1]);
    expect(references.length).toBeGreaterThan(0);
    expect(references.filter((ref) => !ref.startsWith('/dev/query-editor/') && ref !== 'data:,')).toEqual([]);
    expect(html).not.toMatch(/unpkg|jsdelivr|cdn\.|apollographql/i);
    // A fresh nonce per page.
    const again = await editorPage(demo.baseUrl);
    expect(again.response.headers.get('content-security-policy')).not.toBe(csp);
  });

  it('serves the editor files it names (scripts, styles, Monaco workers) from the ruru package', async () => {
    const { html } = await editorPage(demo.baseUrl);
    const files = [...new Set([...html.matchAll(/\/dev\/query-editor\/[\w.-]+/g)].map((match) => match[0]))];
    expect(files).toEqual(expect.arrayContaining(['/dev/query-editor/ruru.js', '/dev/query-editor/ruru.css']));
    for (const file of [...files, '/dev/query-editor/editorWorker.js', '/dev/query-editor/graphqlWorker.js', '/dev/query-editor/jsonWorker.js']) {
      const response = await fetch(`${demo.baseUrl}${file}`);
      expect([file, response.status, response.headers.get('x-content-type-options')]).toEqual([file, 200, 'nosniff']);
      expect([file, response.headers.get('content-type')]).toEqual([
        file,
        expect.stringMatching(file.endsWith('.css') ? /^text\/css/ : /^(text|application)\/javascript/),
      ]);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    expect((await fetch(`${demo.baseUrl}/dev/query-editor/no-such-file.js`)).status).toBe(404);
    expect((await fetch(`${demo.baseUrl}/dev/query-editor/../../package.json`)).status).toBe(404);
  });

  it('leaves /graphql to API clients: curl-like, JSON and GraphQL-response GETs and POSTs get GraphQL, not the page', async () => {
    for (const accept of ['*/*', 'application/json', 'application/graphql-response+json, application/json;q=0.9']) {
      // GET needs Apollo's CSRF header (a browser cannot send it cross-site without a preflight).
      const response = await fetch(`${demo.baseUrl}/graphql?query=${encodeURIComponent('{ serviceInfo { environment } }')}`, {
        headers: { accept, 'apollo-require-preflight': 'true' },
      });
      expect([accept, response.status]).toEqual([accept, 200]);
      expect(await response.json()).toEqual({ data: { serviceInfo: { environment: 'test' } } });
    }
    const post = await fetch(`${demo.baseUrl}/graphql`, {
      method: 'POST',
      headers: { accept: BROWSER_ACCEPT, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ serviceInfo { environment } }' }),
    });
    expect(await post.json()).toEqual({ data: { serviceInfo: { environment: 'test' } } });
  });

  it("keeps Apollo's CSRF prevention: a browser form's POST (not JSON) is refused, the editor's JSON POST is not", async () => {
    const form = await fetch(`${demo.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"query":"{ __typename }"}',
    });
    expect(form.status).toBe(400);
    const json = await fetch(`${demo.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(await json.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('development persona endpoints', () => {
  it('GET /dev/personas lists every persona with its role and scope, available when the database holds its rows', async () => {
    const response = await fetch(`${demo.baseUrl}/dev/personas`);
    expect(response.status).toBe(200);
    const { personas: listed } = (await response.json()) as {
      personas: Array<{ key: string; role: string; name: string; scope: string; available: boolean }>;
    };
    expect(listed.map((p) => [p.key, p.role, p.name, p.scope, p.available])).toEqual(personas.map((p) => [p.key, p.role, p.name, p.scope, true]));
  });

  it('POST /dev/token mints a token for a persona that the server accepts as that persona', async () => {
    const response = await fetch(`${demo.baseUrl}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: 'heidi' }),
    });
    expect(response.status).toBe(200);
    const { token, persona } = (await response.json()) as { token: string; persona: { key: string; role: string } };
    expect(persona).toMatchObject({ key: 'heidi', role: 'CASE_MANAGER' });
    const me = await fetch(demo.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { role user { subject } employmentArea { name } } }' }),
    });
    expect(await me.json()).toEqual({
      data: {
        me: { role: 'CASE_MANAGER', user: { subject: 'heidi.saarinen@pori.example' }, employmentArea: { name: 'Porin seudun työllisyysalue' } },
      },
    });
  });

  it('POST /dev/token takes JSON only, and refuses unknown personas and malformed bodies', async () => {
    const post = (body: string, contentType = 'application/json') =>
      fetch(`${demo.baseUrl}/dev/token`, { method: 'POST', headers: { 'content-type': contentType }, body });
    const form = await post('persona=anna', 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
    expect(await form.text()).not.toContain('token"');
    expect((await post('{"persona":"anna"}', 'text/plain')).status).toBe(415);
    expect((await post(JSON.stringify({ persona: 'nobody' }))).status).toBe(404);
    expect((await post(JSON.stringify({ persona: 42 }))).status).toBe(404);
    expect((await post('{"persona":')).status).toBe(400);
    expect((await fetch(`${demo.baseUrl}/dev/token`)).status).toBe(404);
  });

  it('says which personas a database without the demo data lacks, and mints no token for them', async () => {
    const empty = await startTestServer();
    try {
      const listed = (await (await fetch(`${empty.baseUrl}/dev/personas`)).json()) as {
        personas: Array<{ key: string; available: boolean; problems?: string[] }>;
      };
      const byKey = new Map(listed.personas.map((p) => [p.key, p]));
      // The personas are users of the demo data: a database without it has none of them.
      expect(personas.filter((p) => byKey.get(p.key)!.available).map((p) => p.key)).toEqual([]);
      expect(byKey.get('anna')!.problems).toEqual(['This identity is not an active user of Polku']);
      const refused = await fetch(`${empty.baseUrl}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ persona: 'anna' }),
      });
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({ error: expect.stringContaining('demo data') });
    } finally {
      await empty.stop();
    }
  });
});

describe('where there are none', () => {
  async function expectNoDevelopmentEndpoints(baseUrl: string) {
    expect((await fetch(`${baseUrl}/dev/personas`)).status).toBe(404);
    const token = await fetch(`${baseUrl}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: 'riikka' }),
    });
    expect(token.status).toBe(404);
    expect(await token.text()).not.toContain('eyJ');
  }

  /** A server of its own with this configuration (the test server signs tokens, which these cannot). */
  async function withApp(env: Record<string, string>, fn: (baseUrl: string) => Promise<void>) {
    let database: TestDatabase | undefined;
    let app: RunningApp | undefined;
    try {
      database = await createTestDatabase();
      const config = loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: '2',
        SEED_DEMO_DATA: 'false',
        JOBS_ENABLED: 'false',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        ...env,
      });
      app = await startApp(config, createLogger(config.LOG_LEVEL));
      await fn(`http://127.0.0.1:${app.port}`);
    } finally {
      await app?.stop();
      await database?.drop();
    }
  }

  it('with the development signer off: no persona endpoints, and the editor asks for a pasted token', async () => {
    await withApp({ NODE_ENV: 'test', AUTH_DEV_SIGNER: 'false' }, async (baseUrl) => {
      await expectNoDevelopmentEndpoints(baseUrl);
      const { response, html } = await editorPage(baseUrl);
      expect(response.status).toBe(200);
      expect(html).toContain('"personasEnabled":false');
    });
  });

  it('in production: no persona endpoints, no editor page and no editor files', async () => {
    const production = {
      NODE_ENV: 'production',
      IDENTITY_CODE_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      IDENTITY_CODE_HASH_KEY: randomBytes(32).toString('base64'),
      // Never fetched: no token is sent in this test.
      AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json',
    };
    await withApp(production, async (baseUrl) => {
      await expectNoDevelopmentEndpoints(baseUrl);
      const { response, html } = await editorPage(baseUrl);
      expect(response.headers.get('content-type') ?? '').not.toContain('text/html');
      expect(html).not.toMatch(/<html|<script/i);
      expect((await fetch(`${baseUrl}/dev/query-editor/ruru.js`)).status).toBe(404);
    });
  });
});
