import fs from 'node:fs';
import path from 'node:path';

import { EMPLOYMENT_AREA_PATHS } from '../employment-area/employment-area.http';
import { startEmploymentAreaSimulator } from '../employment-area/employment-area.simulator';
import { WAGE_SUBSIDY_PATHS } from '../wage-subsidy/wage-subsidy.http';
import { startWageSubsidySimulator } from '../wage-subsidy/wage-subsidy.simulator';

/**
 * docs/integrations/*.openapi.yaml describe what the adapters call and the simulators serve. The
 * `yaml` package comes with the dev tools (@graphql-codegen/cli), not as a dependency of its own:
 * without it only the path and method checks run, on a line-by-line reading of `paths:`.
 */
interface Operation {
  parameters?: Array<{ $ref?: string; name?: string; in?: string; required?: boolean }>;
  requestBody?: { content?: Record<string, { schema?: { properties?: { events?: { items?: { properties?: { type?: { const?: string } } } } } } }> };
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  webhooks?: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, { name: string; in: string; required?: boolean }> };
}

function loadYamlParser(): { parse(text: string, options?: object): unknown } | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('yaml') as { parse(text: string, options?: object): unknown };
  } catch {
    return null;
  }
}
const yaml = loadYamlParser();
const withYaml = yaml ? it : it.skip;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** The keys under `paths:` and the methods under each, read line by line (two-space indentation). */
function pathsByLines(text: string): Map<string, Set<string>> {
  const paths = new Map<string, Set<string>>();
  let inPaths = false;
  let current: Set<string> | null = null;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) {
      inPaths = /^paths:\s*$/.test(line);
      current = null;
      continue;
    }
    if (!inPaths) continue;
    const pathKey = /^ {2}(\/[^\s:]*):\s*$/.exec(line);
    if (pathKey) {
      current = new Set();
      paths.set(pathKey[1], current);
      continue;
    }
    const method = /^ {4}([a-z]+):\s*$/.exec(line);
    if (method && current && METHODS.includes(method[1])) current.add(method[1]);
  }
  return paths;
}

const docsDir = path.join(__dirname, '..', '..', '..', 'docs', 'integrations');

const systems = [
  {
    name: 'employment area',
    file: 'employment-area.openapi.yaml',
    event: 'referral.created',
    adapterCalls: Object.entries(EMPLOYMENT_AREA_PATHS).map(([key, p]) => ({ method: key === 'referrals' ? 'get' : 'post', path: `/${p}` })),
    start: () => startEmploymentAreaSimulator({ seed: 1 }),
  },
  {
    name: 'wage subsidy',
    file: 'wage-subsidy.openapi.yaml',
    event: 'decision.made',
    adapterCalls: [
      { method: 'post', path: `/${WAGE_SUBSIDY_PATHS.applications}` },
      { method: 'get', path: `/${WAGE_SUBSIDY_PATHS.decisions}` },
    ],
    start: () => startWageSubsidySimulator({ seed: 1 }),
  },
];

describe.each(systems)('docs/integrations/$file', ({ file, event, adapterCalls, start }) => {
  const text = fs.readFileSync(path.join(docsDir, file), 'utf8');
  const lines = pathsByLines(text);
  const described = (method: string, p: string) => lines.get(p)?.has(method) ?? false;

  it('describes every path and method the adapter calls', () => {
    expect(adapterCalls.length).toBeGreaterThan(1);
    for (const call of adapterCalls) expect({ ...call, described: described(call.method, call.path) }).toEqual({ ...call, described: true });
  });

  it('describes exactly what the simulator serves, its /_sim/ paths included', async () => {
    const simulator = await start();
    try {
      const served = simulator.routes().map((r) => `${r.method.toLowerCase()} ${r.path}`);
      const documented = [...lines].flatMap(([p, methods]) => [...methods].map((m) => `${m} ${p}`));
      expect(documented.sort()).toEqual([...new Set(served)].sort());
    } finally {
      await simulator.stop();
    }
  });

  withYaml('is OpenAPI 3.1 whose references resolve, and reads the same as the line-by-line reading', () => {
    const document = yaml!.parse(text, { strict: true, uniqueKeys: true }) as OpenApiDocument;
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    const parsed = new Map(Object.entries(document.paths).map(([p, item]) => [p, new Set(Object.keys(item).filter((k) => METHODS.includes(k)))]));
    expect(parsed).toEqual(lines);
    const refs = [...text.matchAll(/\$ref: '#\/([^']+)'/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const target = ref.split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
      expect({ ref, resolves: target !== undefined }).toEqual({ ref, resolves: true });
    }
  });

  withYaml('asks for an Idempotency-Key on every write, and describes the signed webhook', () => {
    const document = yaml!.parse(text) as OpenApiDocument;
    const parameter = (p: NonNullable<Operation['parameters']>[number]) =>
      p.$ref
        ? document.components.parameters[p.$ref.replace('#/components/parameters/', '')]
        : (p as { name: string; in: string; required?: boolean });
    for (const [p, item] of Object.entries(document.paths)) {
      if (p.startsWith('/_sim/') || !item.post) continue;
      expect({ path: p, parameters: (item.post.parameters ?? []).map(parameter) }).toEqual({
        path: p,
        parameters: expect.arrayContaining([
          { name: 'Idempotency-Key', in: 'header', required: true, description: expect.any(String), schema: expect.any(Object) },
        ]),
      });
    }
    const hooks = Object.values(document.webhooks ?? {}).map((item) => item.post!);
    expect(hooks).toHaveLength(1);
    expect(hooks[0].parameters!.map(parameter)).toEqual([expect.objectContaining({ name: 'Polku-Signature', in: 'header', required: true })]);
    expect(hooks[0].requestBody?.content?.['application/json']?.schema?.properties?.events?.items?.properties?.type?.const).toBe(event);
  });
});

describe('the line-by-line reading of paths', () => {
  it('finds path keys and methods, and nothing outside paths:', () => {
    const text = [
      'openapi: 3.1.0',
      'paths:',
      '  /a:',
      '    get:',
      '      summary: x',
      '    post:',
      '  /b/c:',
      '    delete:',
      'components:',
      '  /not-a-path:',
      '    get:',
    ].join('\n');
    expect(pathsByLines(text)).toEqual(
      new Map([
        ['/a', new Set(['get', 'post'])],
        ['/b/c', new Set(['delete'])],
      ]),
    );
  });
});
