import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { Client } from 'pg';

import { createBenchSigner, signAll, startJwksServer } from './auth';
import { benchDatabaseName, type BenchManifest, type BenchScale, manifestPath } from './contract';
import { manifestFromDatabase } from './dev-manifest';
import { generateBenchData } from './generate';
import { INTAKE_REFERRALS, REFERRAL_INTAKE, runReferralIntake } from './intake';
import { runLoad } from './load';
import { type IntakeResult, machineInfo, type ScenarioResult, withRatios, writeResults } from './results';
import { attendanceSlots, buildScenarios, type Scenario } from './scenarios';
import { hasBuild, nodeBinary, root, type ServerProcess, startPolku, startPostGraphile, startRawSql } from './servers';

/**
 * `npm run bench [-- --scale municipal --duration 10 --connections 8]`: every scenario against
 * Polku on Node 22 and on the machine's Node 20, PostGraphile 5 (amber, Node 22) where it has an
 * equivalent, and the raw-SQL server (Node 22), alternating the servers; then referral-intake
 * (bench/intake.ts: the adapter path on a Polku of its own, the mutation path on each Polku);
 * writes bench/results/latest.json and latest.md. See bench/README.md.
 */
const usage = `npm run bench -- [--scale tiny|municipal|national] [--duration SECONDS] [--warmup SECONDS] [--connections N]
  [--database-url postgres://…/db] [--manifest FILE] [--dev-manifest] [--servers polku22,polku20,postgraphile,raw-sql] [--scenarios trainee-list,…,referral-intake]
  [--intake-referrals N] [--profile] [--skip-build]`;

function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
}

/**
 * The bench database of the scale, generated when it is missing or when this checkout has no
 * manifest for it (the manifest is git-ignored: a fresh clone on a machine that ran the bench before
 * regenerates, so the users the harness signs in as are the ones in the database).
 */
async function ensureDatabase(serverUrl: string, scale: BenchScale): Promise<string> {
  const name = benchDatabaseName(scale);
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
  await admin.end();
  if (!exists || !fs.existsSync(path.join(root, manifestPath(scale)))) {
    process.stdout.write(`Generating the ${scale} bench data into ${name}…\n`);
    await generateBenchData({ scale, serverUrl });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'municipal' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '8' },
      'database-url': { type: 'string' },
      manifest: { type: 'string' },
      'dev-manifest': { type: 'boolean', default: false },
      servers: { type: 'string', default: 'polku22,polku20,postgraphile,raw-sql' },
      'skip-build': { type: 'boolean', default: false },
      scenarios: { type: 'string' },
      'intake-referrals': { type: 'string' },
      profile: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const scale = values.scale as BenchScale;
  if (!['tiny', 'municipal', 'national'].includes(scale)) throw new Error(`--scale: tiny, municipal or national, not ${scale}`);
  const duration = Number(values.duration);
  const intakeReferrals = values['intake-referrals'] === undefined ? INTAKE_REFERRALS[scale] : Number(values['intake-referrals']);
  if (!Number.isInteger(intakeReferrals) || intakeReferrals < 1)
    throw new Error(`--intake-referrals: a whole number of at least 1, not ${values['intake-referrals']}`);
  const warmup = Number(values.warmup);
  const connections = Number(values.connections);
  const servers = values.servers!.split(',').map((s) => s.trim());
  const postgresServer = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseUrl = values['database-url'] ?? (await ensureDatabase(postgresServer, scale));

  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  let manifest: BenchManifest;
  if (values['dev-manifest']) {
    manifest = await manifestFromDatabase(db, scale, { today: today() });
    const file = path.join(root, 'bench', '.data', `dev-manifest-${scale}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
    process.stdout.write(`Development manifest (bench users linked to the rows of ${databaseUrl}) in ${path.relative(root, file)}\n`);
  } else {
    const file = values.manifest ?? path.join(root, manifestPath(scale));
    if (!fs.existsSync(file)) throw new Error(`No manifest at ${file}: run the generator, or give --manifest / --dev-manifest`);
    manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchManifest;
  }
  const postgresVersion = (await db.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  const slots = await attendanceSlots(db, manifest, today());
  await db.end();
  const only = values.scenarios?.split(',').map((name) => name.trim());
  const scenarios = buildScenarios(manifest, { attendance: slots }).filter((scenario) => !only || only.includes(scenario.name));
  const intakeSelected = !only || only.includes(REFERRAL_INTAKE);
  if (!scenarios.length && !intakeSelected) throw new Error(`--scenarios: none of ${values.scenarios} is a scenario`);
  // Only the servers a chosen scenario measures: PostGraphile where one has an equivalent, the raw-SQL server for the load scenarios (referral-intake is Polku's alone).
  const needed = (key: string) => (key === 'postgraphile' ? scenarios.some((s) => s.postgraphile) : key === 'raw-sql' ? scenarios.length > 0 : true);
  const serversToStart = servers.filter(needed);

  if (!values['skip-build'] || !hasBuild()) {
    process.stdout.write('npm run build…\n');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  }
  const node22 = nodeBinary(22);
  const node20 = nodeBinary(20);

  // --profile: Polku writes a V8 CPU profile per process on exit (open it in Chrome DevTools or `node bench/profile-summary.js`).
  const profileEnv = values.profile ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.join(root, 'bench', '.profiles')}` } : undefined;
  const signer = await createBenchSigner();
  const jwks = await startJwksServer(signer.jwks);
  const subjects = Object.values(manifest.users).flatMap((users) => users.map((u) => u.subject));
  const tokens = await signAll(signer, [...subjects, ...manifest.attendanceTargets.map((t) => t.coachSubject)]);

  const running: Array<{ key: string; server: ScenarioResult['server']; process: ServerProcess }> = [];
  const stopAll = async () => {
    await Promise.all(running.map((r) => r.process.stop()));
    await jwks.close();
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  const results: ScenarioResult[] = [];
  let intake: IntakeResult | undefined;
  try {
    const start = async (key: string) => {
      switch (key) {
        case 'polku22':
          return { key, server: 'polku' as const, process: await startPolku({ node: node22, databaseUrl, jwksUrl: jwks.url, env: profileEnv }) };
        case 'polku20':
          return { key, server: 'polku' as const, process: await startPolku({ node: node20, databaseUrl, jwksUrl: jwks.url, env: profileEnv }) };
        case 'postgraphile':
          return { key, server: 'postgraphile' as const, process: await startPostGraphile({ node: node22, databaseUrl }) };
        case 'raw-sql':
          return { key, server: 'raw-sql' as const, process: await startRawSql({ node: node22, databaseUrl, jwksUrl: jwks.url }) };
        default:
          throw new Error(`--servers: unknown server ${key}`);
      }
    };
    for (const key of serversToStart) {
      process.stdout.write(`Starting ${key}…\n`);
      running.push(await start(key));
    }
    for (const [s, scenario] of scenarios.entries()) {
      // Alternate: each scenario starts with the next server in turn, so none always runs first (or right after a write).
      const order = running.map((_, i) => running[(i + s) % running.length]);
      for (const target of order) {
        const request = requestsFor(scenario, target.server);
        if (!request) continue;
        const phase = { url: target.process.url, next: request.next, tokens, connections };
        await runLoad({ ...phase, durationSeconds: warmup });
        const result = await runLoad({ ...phase, durationSeconds: duration, pid: target.process.pid });
        const { durationSeconds: _measuredFor, ...measured } = result;
        const line: ScenarioResult = {
          name: scenario.name,
          server: target.server,
          node: target.process.node,
          concurrency: connections,
          ...measured,
          postgraphile_ratio: null,
          raw_sql_ratio: null,
          ...(request.note ? { note: request.note } : {}),
        };
        results.push(line);
        process.stdout.write(
          `${scenario.name.padEnd(18)} ${target.key.padEnd(13)} ${String(line.rps).padStart(7)} req/s  p50 ${line.p50_ms} ms  p95 ${line.p95_ms}  p99 ${line.p99_ms}  ` +
            `SQL/req ${line.sql_per_request ?? '–'}  CPU ${line.cpu_ms_per_request ?? '–'} ms/req  RSS ${line.rss_mb ?? '–'} MB  errors ${line.errors}\n`,
        );
        if (result.firstError) process.stdout.write(`  first error: ${result.firstError}\n`);
      }
    }
    if (intakeSelected) {
      const measured = await runReferralIntake({
        referrals: intakeReferrals,
        databaseUrl,
        node: node22,
        jwksUrl: jwks.url,
        polkuServers: running.filter((r) => r.server === 'polku'),
        tokens,
        sign: (subject) => signer.sign(subject),
        connections,
        warmupSeconds: warmup,
        env: profileEnv,
        log: (line) => process.stdout.write(line),
      });
      results.push(...measured.lines);
      intake = measured.intake;
    }
  } finally {
    await stopAll();
  }
  // Ratios against the Node 22 servers: Polku's lines on both Nodes divide by the same PostGraphile / raw-SQL figure.
  // A run of some scenarios only is for working on them: it must not replace the committed results.
  const written = writeResults(
    {
      scale,
      machine: machineInfo(postgresVersion),
      date: new Date().toISOString(),
      data: values['dev-manifest']
        ? `development stand-in manifest (bench/dev-manifest.ts) over ${new URL(databaseUrl).pathname.slice(1)}: ${JSON.stringify(manifest.counts)}`
        : `generator manifest: ${JSON.stringify(manifest.counts)}`,
      durationSeconds: duration,
      scenarios: withRatios(results),
      ...(intake ? { intake } : {}),
    },
    undefined,
    only ? `partial-${scale}` : undefined,
  );
  process.stdout.write(`Wrote ${path.relative(root, written.json)} and ${path.relative(root, written.markdown)}\n`);
}

function requestsFor(scenario: Scenario, server: ScenarioResult['server']): { next: Scenario['next']; note?: string } | undefined {
  if (server !== 'postgraphile') return { next: scenario.next };
  if (!scenario.postgraphile) return undefined;
  const { body, note } = scenario.postgraphile;
  return { next: () => ({ subject: '', body }), note };
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`bench: ${error.message}\n`);
    process.exit(1);
  });
}
