import { readFileSync } from 'node:fs';
import path from 'node:path';

import { ConfigError, configVariables, loadConfig } from './config';
import { projectRoot } from './paths';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('starts with no configuration at all (embedded database, port 4000)', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(4000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.SEED_DEMO_DATA).toBe(true);
    expect(config.devSigner).toBe(true);
  });

  it('names the variable that is wrong', () => {
    expect(problemsOf({ PORT: 'eighty' })[0]).toMatch(/^PORT:/);
    expect(problemsOf({ DATABASE_URL: 'mysql://x' })[0]).toMatch(/^DATABASE_URL:/);
    expect(problemsOf({ SEED_DEMO_DATA: 'maybe' })[0]).toMatch(/^SEED_DEMO_DATA:/);
    expect(problemsOf({ LOG_LEVEL: 'loud' })[0]).toMatch(/^LOG_LEVEL:/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).PORT).toBe(4000);
  });

  it('refuses development keys and the development token signer in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production' }).join('\n');
    expect(problems).toMatch(/IDENTITY_CODE_KEYS: required/);
    expect(problems).toMatch(/IDENTITY_CODE_HASH_KEY: required/);
    expect(problems).toMatch(/AUTH_JWKS_URL or AUTH_IDENTITY_PROVIDERS: an identity provider is required/);
    expect(problems).not.toMatch(/AUTH_DEV_SIGNER/);
    expect(problemsOf({ NODE_ENV: 'production', AUTH_DEV_SIGNER: 'true' }).join('\n')).toMatch(
      /^AUTH_DEV_SIGNER: the development token signer cannot be enabled/m,
    );
  });

  it('accepts a complete production configuration', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://polku@db/polku',
      IDENTITY_CODE_KEYS: `k2:${key},k1:${Buffer.alloc(32, 1).toString('base64')}`,
      IDENTITY_CODE_HASH_KEY: key,
      AUTH_JWKS_URL: 'https://idp.example/jwks',
    });
    expect(config.isProduction).toBe(true);
    expect(config.devSigner).toBe(false);
    expect(config.keyRing.currentKeyId).toBe('k2');
    expect(config.keyRing.keys.size).toBe(2);
  });

  it('parses LEGAL_LIMITS as JSON of the known shape and EXPENSE_ALLOWANCE_BASES as a list', () => {
    const config = loadConfig({
      LEGAL_LIMITS: '{"workTrial":{"maxMonthsPerOrganiser":4},"schedule":{"WORK_TRIAL":{"daysPerWeek":{"max":4}},"EMPLOYMENT":null}}',
      EXPENSE_ALLOWANCE_BASES: 'REHABILITATIVE_WORK, WORK_TRIAL',
    });
    expect(config.LEGAL_LIMITS).toEqual({
      workTrial: { maxMonthsPerOrganiser: 4 },
      schedule: { WORK_TRIAL: { daysPerWeek: { max: 4 } }, EMPLOYMENT: null },
    });
    expect(config.EXPENSE_ALLOWANCE_BASES).toEqual(['REHABILITATIVE_WORK', 'WORK_TRIAL']);
    expect(loadConfig({}).LEGAL_LIMITS).toBeUndefined();
  });

  it.each([
    ['not json', /^LEGAL_LIMITS: must be a JSON object/],
    ['{"workTrial":{"maxMonthsPerOrganizer":3}}', /^LEGAL_LIMITS\.workTrial: .*maxMonthsPerOrganizer/],
    ['{"rehabilitativePeriodMonths":{"min":"3"}}', /^LEGAL_LIMITS\.rehabilitativePeriodMonths\.min:/],
    ['{"schedule":{"WORK_TRIAL":{"daysPerWeek":{"min":4,"max":2}}}}', /^LEGAL_LIMITS\.schedule\.WORK_TRIAL\.daysPerWeek: min must not be above max/],
    ['{"schedule":{"WORK_TRIAL":{"daysPerWeek":{"max":2.5}}}}', /^LEGAL_LIMITS\.schedule\.WORK_TRIAL\.daysPerWeek\.max:/],
    ['{"schedule":{"work trial":{}}}', /^LEGAL_LIMITS\.schedule/],
    ['{"workTrial":{"maxMonthsTotal":0}}', /^LEGAL_LIMITS\.workTrial\.maxMonthsTotal:/],
  ])('refuses LEGAL_LIMITS=%s naming the variable and the path', (value, message) => {
    expect(problemsOf({ LEGAL_LIMITS: value }).join('\n')).toMatch(message);
  });

  it('refuses EXPENSE_ALLOWANCE_BASES that are not basis names', () => {
    expect(problemsOf({ EXPENSE_ALLOWANCE_BASES: 'work trial' })[0]).toMatch(/^EXPENSE_ALLOWANCE_BASES/);
    expect(problemsOf({ EXPENSE_ALLOWANCE_BASES: ',' })[0]).toMatch(/^EXPENSE_ALLOWANCE_BASES/);
  });

  it('refuses a key of the wrong length', () => {
    expect(problemsOf({ IDENTITY_CODE_KEYS: `k:${Buffer.alloc(16).toString('base64')}` })[0]).toMatch(/IDENTITY_CODE_KEYS/);
  });

  it('has HTTP timeouts for a service behind a proxy, and refuses a headers timeout above the request timeout', () => {
    expect(loadConfig({})).toMatchObject({ HTTP_HEADERS_TIMEOUT_MS: 15_000, HTTP_REQUEST_TIMEOUT_MS: 30_000, HTTP_KEEP_ALIVE_TIMEOUT_MS: 65_000 });
    expect(problemsOf({ HTTP_HEADERS_TIMEOUT_MS: '40000' })[0]).toMatch(/^HTTP_HEADERS_TIMEOUT_MS: must not be above HTTP_REQUEST_TIMEOUT_MS/);
    expect(problemsOf({ HTTP_REQUEST_TIMEOUT_MS: '0' })[0]).toMatch(/^HTTP_REQUEST_TIMEOUT_MS:/);
    expect(problemsOf({ HTTP_KEEP_ALIVE_TIMEOUT_MS: 'long' })[0]).toMatch(/^HTTP_KEEP_ALIVE_TIMEOUT_MS:/);
  });
});

describe('.env.example', () => {
  const lines = readFileSync(path.join(projectRoot, '.env.example'), 'utf8').split('\n');
  const assignment = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/;
  const settings = lines.map((line) => assignment.exec(line.trim())).filter((match): match is RegExpExecArray => match !== null);

  it('names every variable Polku reads (those of the benchmark aside)', () => {
    const named = new Set(settings.map((match) => match[2]));
    expect(configVariables.filter((name) => !name.startsWith('BENCH_') && !named.has(name))).toEqual([]);
    expect([...named].filter((name) => !configVariables.includes(name))).toEqual([]);
  });

  it('loads as it is, and with each commented-out example that has no placeholder', () => {
    const active = Object.fromEntries(settings.filter((match) => !match[1]).map((match) => [match[2], match[3]]));
    expect(problemsOf(active)).toEqual([]);
    const examples = settings.filter((match) => match[1] && !match[3].includes('<') && match[2] !== 'NODE_ENV');
    expect(examples.length).toBeGreaterThan(3);
    for (const [, , name, value] of examples) expect({ name, problems: problemsOf({ ...active, [name]: value }) }).toEqual({ name, problems: [] });
  });
});
