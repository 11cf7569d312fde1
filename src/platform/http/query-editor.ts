import { randomBytes } from 'node:crypto';
import path from 'node:path';

import express, { Request, Response, Router } from 'express';
import { RuruClientConfig, ruruHTML } from 'ruru/server';

import type { AppConfig } from '../config';
import { devPaths } from './dev-tokens';

/** Ruru's files (GraphiQL 5 with Monaco, prebuilt in the npm package) are served from here. */
export const QUERY_EDITOR_ASSETS = '/dev/query-editor/';

/** The folder of the `ruru` package's prebuilt assets; the package exports no path to it. */
const assetFolder = path.join(path.dirname(require.resolve('ruru')), '..', 'static');

/**
 * The in-browser query editor, outside production only: `GET /graphql` from a browser (the request
 * prefers text/html) answers with Ruru (Graphile's GraphiQL 5 build) whose scripts, styles, fonts
 * and Monaco workers all come from this server, so it works without internet access; every other
 * request to /graphql falls through to the GraphQL endpoint. A Content-Security-Policy keeps the
 * page from loading or sending anything anywhere but this server.
 *
 * Signing in: a persona picker (when the development signer is on) mints a token for a demo
 * persona through `POST /dev/token` and puts `Authorization: Bearer …` into the editor's Headers
 * tab; or paste any token there. GraphiQL keeps headers out of localStorage unless asked to.
 * Its requests are JSON POSTs, which Apollo's CSRF prevention lets through.
 */
export function queryEditorRouter(config: AppConfig): Router {
  const router = Router();
  if (config.isProduction) return router;
  const personasEnabled = config.devSigner;

  router.get('/graphql', (req: Request, res: Response, next) => {
    // Clients of the API (curl sends */*, fetch sends */* or JSON) get the endpoint, browsers the editor.
    if (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) !== 'text/html') return next();
    const nonce = randomBytes(16).toString('base64');
    res.setHeader('content-security-policy', contentSecurityPolicy(nonce));
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.type('html').send(editorPage(nonce, personasEnabled));
  });

  router.use(
    QUERY_EDITOR_ASSETS,
    express.static(assetFolder, {
      index: false,
      redirect: false,
      maxAge: '1h',
      setHeaders: (res) => res.setHeader('x-content-type-options', 'nosniff'),
    }),
  );
  return router;
}

/**
 * Everything from this server only. Styles may be inline (Monaco and GraphiQL set them from
 * script); scripts only with this response's nonce or from this server; workers from this server.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const DEFAULT_QUERY = `# Polku query editor (development only).
# Pick a persona above, or paste a token into Headers below as
#   { "Authorization": "Bearer <token>" }      (npm run token -- --as anna)
# Ctrl-Enter runs the query.

query WhoAmI {
  me {
    role
    user { issuer subject }
    organisation { name }
    scope
    staffMember { name role }
    workUnit { name }
    employmentArea { name }
    partnerCompany { name }
  }
}

# A coach's or career agent's own trainees:
# query MyTrainees {
#   trainees(first: 20, filter: { mine: true }) {
#     totalCount
#     edges { node { firstName lastName } }
#   }
# }
`;

function editorPage(nonce: string, personasEnabled: boolean): string {
  const withNonce = (html: string) => html.replace(/<script(?=[\s>])/g, `<script nonce="${nonce}"`);
  const editorConfig = { personasEnabled, personasUrl: devPaths.personas, tokenUrl: devPaths.token };
  return ruruHTML({
    endpoint: '/graphql',
    staticPath: QUERY_EDITOR_ASSETS,
    // ruru's typings make every GraphiQL prop required here; the page passes them to <Ruru> as given.
    clientConfig: { defaultQuery: DEFAULT_QUERY, isHeadersEditorEnabled: true, debugTools: [] } as Partial<RuruClientConfig> as RuruClientConfig,
    htmlParts: {
      titleTag: '<title>Polku – query editor (development)</title>',
      // No favicon request (it would be a 404 in the log).
      metaTags: (original) => `${original}\n<link rel="icon" href="data:," />`,
      styleTags: (original) => `${original.replace('height: 100vh;', 'height: calc(100vh - 2.5rem);')}\n<style>${barStyle}</style>`,
      configScript: (original) => withNonce(`${original}\n<script>const POLKU_EDITOR = ${JSON.stringify(editorConfig)};</script>`),
      headerScripts: withNonce,
      bodyContent: (original) => `${personaBar}\n${original}`,
      bodyScripts: withNonce,
      bodyInitScript: () => withNonce(`<script type="module">${initScript}</script>`),
    },
  });
}

const barStyle = `
#polku-bar { box-sizing: border-box; height: 2.5rem; display: flex; align-items: center; gap: 0.75rem; padding: 0 1rem;
  font: 14px system-ui, sans-serif; background: #1f3a5f; color: #fff; }
#polku-bar strong { font-weight: 600; }
#polku-bar label { white-space: nowrap; }
#polku-bar select { font: inherit; padding: 0.15rem 0.3rem; }
#polku-bar #polku-status { opacity: 0.9; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
`;

const personaBar = `<div id="polku-bar">
<strong>Polku</strong>
<label for="polku-persona">Sign in as</label>
<select id="polku-persona" disabled><option value="">(no token)</option></select>
<span id="polku-status" role="status">Pick a persona, or paste a token into Headers as {"Authorization": "Bearer …"}</span>
</div>`;

/**
 * Runs in the browser: fills the persona picker, mints a token for the chosen persona (kept in
 * sessionStorage by name only, so a reload mints a fresh token), puts it into the Headers tab and
 * starts Ruru. Choosing another persona reloads the page with it.
 */
const initScript = `
import { React, createRoot, Ruru } from ${JSON.stringify(`${QUERY_EDITOR_ASSETS}ruru.js`)};
const STORAGE_KEY = 'polku:persona';
const select = document.getElementById('polku-persona');
const status = document.getElementById('polku-status');
const say = (text) => { status.textContent = text; };
const chosen = sessionStorage.getItem(STORAGE_KEY) || '';

if (POLKU_EDITOR.personasEnabled) {
  try {
    const response = await fetch(POLKU_EDITOR.personasUrl, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const { personas } = await response.json();
    for (const persona of personas) {
      const option = document.createElement('option');
      option.value = persona.key;
      option.textContent = persona.key + ': ' + persona.name + ', ' + persona.role + (persona.available ? '' : ' (not in this database)');
      option.disabled = !persona.available;
      option.title = persona.title + ' | scope: ' + persona.scope;
      select.append(option);
    }
    select.disabled = false;
  } catch (error) {
    say('Could not list the personas (' + error.message + '); paste a token into Headers instead.');
  }
} else {
  select.hidden = true;
  document.querySelector('label[for="polku-persona"]').hidden = true;
  say('The development token signer is off: paste a token into Headers as {"Authorization": "Bearer …"}');
}

if (chosen && POLKU_EDITOR.personasEnabled) {
  select.value = chosen;
  try {
    const response = await fetch(POLKU_EDITOR.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ persona: chosen }),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error || 'HTTP ' + response.status);
    // The Headers tab now, and every new tab.
    RURU_CONFIG.initialHeaders = RURU_CONFIG.defaultHeaders = JSON.stringify({ Authorization: 'Bearer ' + answer.token }, null, 2);
    RURU_CONFIG.defaultEditorToolsVisibility = 'headers';
    say('Signed in as ' + answer.persona.name + ' (' + answer.persona.role + '): ' + answer.persona.scope + '. The token is in Headers.');
  } catch (error) {
    sessionStorage.removeItem(STORAGE_KEY);
    select.value = '';
    say('No token for ' + chosen + ': ' + error.message);
  }
}

// The GraphiQL in this Ruru build opens a new, empty tab on every load unless the initial query and
// variables match a stored tab: start on the tab that was open.
try {
  const saved = JSON.parse(localStorage.getItem('graphiql:tabState') || 'null');
  const tab = saved && Array.isArray(saved.tabs) ? saved.tabs[saved.activeTabIndex] : null;
  if (tab && tab.query) {
    RURU_CONFIG.initialQuery = tab.query;
    if (tab.variables) RURU_CONFIG.initialVariables = tab.variables;
  }
} catch {
  // Unreadable saved state: GraphiQL starts afresh.
}

select.addEventListener('change', () => {
  if (select.value) sessionStorage.setItem(STORAGE_KEY, select.value);
  else sessionStorage.removeItem(STORAGE_KEY);
  location.reload();
});

// GraphiQL keeps tabs and the query history in localStorage, and the history would keep each run's
// headers: the token. Whatever it stores goes through here without any "headers".
const withoutHeaders = (value) => {
  try {
    return JSON.stringify(JSON.parse(value), (key, entry) => (key === 'headers' ? null : entry));
  } catch {
    return value;
  }
};
RURU_CONFIG.storage = {
  getItem: (key) => localStorage.getItem(key),
  setItem: (key, value) => localStorage.setItem(key, withoutHeaders(value)),
  removeItem: (key) => localStorage.removeItem(key),
  clear: () => localStorage.clear(),
  key: (index) => localStorage.key(index),
  get length() {
    return localStorage.length;
  },
};

createRoot(document.getElementById('ruru-root')).render(React.createElement(Ruru, RURU_CONFIG));
`;
