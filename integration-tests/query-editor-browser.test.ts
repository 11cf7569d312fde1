import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { BrowserContext, chromium, Page } from 'playwright-core';

import { personas } from '../src/demo/personas';
import { startTestServer, TestServer } from './support/test-server';

/**
 * The query editor in a real browser (Debian's Chromium, driven by playwright-core): it loads with
 * every file from this server, a persona picked in the bar signs the editor in, a pasted token
 * works too, queries run and their answers appear. Any request to somewhere other than this server
 * is recorded and aborted, so a CDN dependency fails the test even on a machine with internet.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let server: TestServer;
let context: BrowserContext;
let userDataDir: string;
const started = performance.now();
/** Every URL the browser asked for, and those that were not this server's. */
const requested: string[] = [];
const outside: string[] = [];
/** Console errors (a CSP violation is one), uncaught page errors and failed responses. */
const problems: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does), or set CHROMIUM_PATH`);
  }
  server = await startTestServer({ seedDemoData: true, env: { RATE_LIMIT_PER_MINUTE: '0' } });
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'polku-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const own = new URL(server.baseUrl);
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    requested.push(url.href);
    if (url.host === own.host && url.protocol === own.protocol) return route.continue();
    outside.push(url.href);
    return route.abort('blockedbyclient');
  });
  context.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
}, 120_000);

afterAll(async () => {
  await context?.close();
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  await server?.stop();
  process.stdout.write(`query editor in Chromium: ${Math.round(performance.now() - started)} ms (server, browser and both scenarios)\n`);
});

/** A new tab on the editor; `before` runs first on a plain page of this server (same origin, same localStorage). */
async function openEditor(before?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  if (before) {
    await page.goto(`${server.baseUrl}/healthz`);
    await before(page);
  }
  await page.goto(server.url);
  await page.locator('.graphiql-execute-button').waitFor({ timeout: 30_000 });
  return page;
}

/** The response pane's text, with Monaco's non-breaking spaces made plain. */
async function resultText(page: Page): Promise<string> {
  return ((await page.locator('.result-window').textContent()) ?? '').replace(/\u00a0/g, ' ');
}

async function run(page: Page, expected: string): Promise<string> {
  await page.locator('.graphiql-execute-button').click();
  try {
    await page.locator('.result-window').filter({ hasText: expected }).waitFor({ timeout: 30_000 });
  } catch (error) {
    throw new Error(`${(error as Error).message}\nThe response pane shows: ${(await resultText(page)).slice(0, 500)}`, { cause: error });
  }
  return resultText(page);
}

describe('the query editor in a browser', () => {
  it('signs in as a persona picked in the bar and runs `me`', async () => {
    // As if the user had switched on GraphiQL's "persist headers": even then the token stays out of localStorage.
    const page = await openEditor((plain) => plain.evaluate("localStorage.setItem('graphiql:shouldPersistHeaders', 'true')"));
    const picker = page.locator('#polku-persona');
    await page.locator('#polku-persona:not([disabled])').waitFor();
    expect(await picker.locator('option').allTextContents()).toEqual(['(no token)', ...personas.map((p) => `${p.key}: ${p.name}, ${p.role}`)]);

    // Picking reloads the page with a token minted for the persona in the Headers tab.
    await Promise.all([page.waitForEvent('load'), picker.selectOption('anna')]);
    await page.locator('#polku-status').filter({ hasText: 'Signed in as Anna Mäkinen (COACH)' }).waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-editor-tool .graphiql-editor').last().filter({ hasText: 'Authorization' }).waitFor();
    // The default document's WhoAmI query.
    await page.locator('.graphiql-query-editor').filter({ hasText: 'WhoAmI' }).waitFor();
    const answer = await run(page, 'anna.makinen@pori.example');
    expect(answer).toContain('"role": "COACH"');
    expect(answer).toContain('"name": "Anna Mäkinen"');
    // GraphiQL keeps the tabs and the run in its history (in localStorage), but never the headers: not the token.
    await page.waitForFunction("(localStorage.getItem('graphiql:queries') || '').includes('WhoAmI')", undefined, { timeout: 30_000 });
    await page.waitForFunction("(localStorage.getItem('graphiql:tabState') || '').includes('WhoAmI')", undefined, { timeout: 30_000 });
    expect(await page.evaluate('JSON.stringify(Object.assign({}, localStorage))')).not.toContain('eyJ');
    await page.close();
  }, 120_000);

  it('runs a trainees query with a pasted token', async () => {
    const anna = personas.find((p) => p.key === 'anna')!;
    const token = (await server.as({ role: anna.role, userId: anna.subject }, { noUser: true })).token!;
    const [{ id: annaId }] = await server.sql<{ id: string }>(`SELECT id FROM staff_member WHERE name = 'Anna Mäkinen'`);
    const [{ count }] = await server.app.dataSource.query(
      `SELECT count(*)::int AS count FROM trainee t
        WHERE (SELECT p.coach_id = $1 OR p.career_agent_id = $1 FROM coaching_period p WHERE p.trainee_id = t.id ORDER BY p.start_date DESC, p.id DESC LIMIT 1)`,
      [annaId],
    );
    expect(count).toBeGreaterThan(0);

    // The editor opens on the tab that was open last: put a trainees query there before it loads.
    const query = 'query MyTrainees {\n  trainees(first: 5, filter: { mine: true }) {\n    totalCount\n    edges { node { lastName } }\n  }\n}\n';
    const tabs = {
      activeTabIndex: 0,
      tabs: [
        { id: 'my-trainees', hash: null, title: 'MyTrainees', query, variables: null, headers: null, operationName: 'MyTrainees', response: null },
      ],
    };
    const page = await openEditor((plain) => plain.evaluate(`localStorage.setItem('graphiql:tabState', ${JSON.stringify(JSON.stringify(tabs))})`));
    await page.locator('.graphiql-query-editor').filter({ hasText: 'first: 5, filter: { mine: true }' }).waitFor();

    // Paste the token into the Headers tab.
    await page.getByText('Headers', { exact: true }).click();
    await page.locator('.graphiql-editor-tool .graphiql-editor').last().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${token}` }));

    const answer = await run(page, 'totalCount');
    expect(answer).toContain(`"totalCount": ${count}`);
    expect(answer).not.toContain('errors');
    await page.close();
  }, 120_000);

  it('asked for nothing but this server, and nothing failed or broke the Content-Security-Policy', () => {
    expect(outside).toEqual([]);
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.filter((url) => !url.startsWith(server.baseUrl))).toEqual([]);
    // Scripts, styles and Monaco's workers all came from the ruru package through this server.
    expect(requested).toEqual(
      expect.arrayContaining([`${server.baseUrl}/dev/query-editor/ruru.js`, `${server.baseUrl}/dev/personas`, `${server.baseUrl}/dev/token`]),
    );
    expect(problems).toEqual([]);
  });
});
