import { createLogger, Logger } from '../../platform/logger';
import type { SimulatorFaultsInput } from './faults';

/** What `npm run simulate:*` takes, from flags (`--error-rate 0.3` or `--error-rate=0.3`) over environment variables. */
export interface SimulatorCliSettings {
  help: boolean;
  port: number;
  host: string;
  seed?: number;
  logLevel: string;
  faults: SimulatorFaultsInput;
  webhook?: { url: string; secret: string[] };
  xRoadService?: string;
  /** Employment area: referrals made at start, and more on a timer. */
  referrals: number;
  autoGenerate?: { everyMs: number; batch: number };
  /** Wage subsidy: how long a decision takes. */
  decisionDelayMs?: [number, number];
}

export type SimulatorKind = 'employment-area' | 'wage-subsidy';

interface Option {
  flag: string;
  env: string;
  /** Takes no value (`--out-of-order` alone is "yes"). */
  switch?: boolean;
  only?: SimulatorKind;
  help: string;
}

const OPTIONS: Option[] = [
  { flag: 'port', env: 'PORT', help: 'port to listen on (default 4010 employment area, 4020 wage subsidy; 0: any free one)' },
  { flag: 'host', env: 'HOST', help: 'address to listen on (default 127.0.0.1)' },
  { flag: 'seed', env: 'SIM_SEED', help: 'seed of the random choices (default: random; the start-up line names it)' },
  { flag: 'error-rate', env: 'SIM_ERROR_RATE', help: 'share of requests answered 500/503, 0–1' },
  { flag: 'latency-ms', env: 'SIM_LATENCY_MS', help: 'delay of every request, MIN-MAX or MS' },
  { flag: 'timeout-rate', env: 'SIM_TIMEOUT_RATE', help: 'share of requests held and then dropped unanswered, 0–1' },
  { flag: 'timeout-hold-ms', env: 'SIM_TIMEOUT_HOLD_MS', help: 'how long such a request is held (default 30000)' },
  { flag: 'duplicate-rate', env: 'SIM_DUPLICATE_RATE', help: 'share of items served again in a later page / pushes sent twice, 0–1' },
  { flag: 'out-of-order', env: 'SIM_OUT_OF_ORDER', switch: true, help: 'shuffle pages and reorder pushes: alone or true for always, or a share 0–1' },
  { flag: 'webhook-url', env: 'WEBHOOK_URL', help: 'push events here (POST, signed with Polku-Signature)' },
  { flag: 'webhook-secret', env: 'WEBHOOK_SECRET', help: 'the shared secret; two comma-separated while rotating' },
  { flag: 'x-road-service', env: 'SIM_X_ROAD_SERVICE', help: 'serve under /r1/SERVICE/… and require X-Road-Client, as a security server would' },
  { flag: 'referrals', env: 'SIM_REFERRALS', only: 'employment-area', help: 'referrals made at start (default 20)' },
  { flag: 'auto-generate-ms', env: 'SIM_AUTO_GENERATE_MS', only: 'employment-area', help: 'make more referrals every this many ms' },
  { flag: 'auto-generate-batch', env: 'SIM_AUTO_GENERATE_BATCH', only: 'employment-area', help: 'how many each time (default 1)' },
  {
    flag: 'decision-delay-ms',
    env: 'SIM_DECISION_DELAY_MS',
    only: 'wage-subsidy',
    help: 'how long a decision takes, MIN-MAX or MS (default 2000-10000)',
  },
  { flag: 'log-level', env: 'LOG_LEVEL', help: 'pino level (default info)' },
];

export function simulatorUsage(kind: SimulatorKind): string {
  const lines = OPTIONS.filter((o) => !o.only || o.only === kind).map((o) => `  --${o.flag.padEnd(20)} ${o.env.padEnd(24)} ${o.help}`);
  return [`npm run simulate:${kind} -- [options]    (flag, or environment variable)`, ...lines, '  --help'].join('\n');
}

const rate = (name: string, value: string): number => {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 1)
    throw new Error(`${name} must be a number from 0 to 1, not "${value}"`);
  return number;
};

const whole = (name: string, value: string, min = 0): number => {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || number < min)
    throw new Error(`${name} must be a whole number${min ? ` of at least ${min}` : ''}, not "${value}"`);
  return number;
};

const range = (name: string, value: string): [number, number] => {
  const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(value);
  const low = match ? Number(match[1]) : NaN;
  const high = match ? Number(match[2] ?? match[1]) : NaN;
  if (!match || low > high) throw new Error(`${name} must be MIN-MAX or MS in whole milliseconds, not "${value}"`);
  return [low, high];
};

const yesNoOrRate = (name: string, value: string): number => {
  if (/^(true|yes|on)$/i.test(value.trim())) return 1;
  if (/^(false|no|off)$/i.test(value.trim())) return 0;
  return rate(name, value);
};

/** Reads flags over environment variables; throws an Error with a message for people on a bad value. */
export function parseSimulatorCli(kind: SimulatorKind, argv: readonly string[], env: NodeJS.ProcessEnv): SimulatorCliSettings {
  const values = new Map<string, string>();
  const known = OPTIONS.filter((o) => !o.only || o.only === kind);
  for (const option of known) {
    const value = env[option.env];
    if (value !== undefined && value !== '') values.set(option.flag, value);
  }
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--help' || argument === '-h') {
      help = true;
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argument);
    const option = match && known.find((o) => o.flag === match[1]);
    if (!match || !option) throw new Error(`unknown option ${argument} (--help lists them)`);
    let value = match[2];
    if (value === undefined) {
      const next = argv[i + 1];
      if (option.switch && (next === undefined || next.startsWith('--'))) value = 'true';
      else if (next === undefined) throw new Error(`--${option.flag} needs a value`);
      else value = argv[++i];
    }
    values.set(option.flag, value);
  }

  const get = (flag: string) => values.get(flag);
  const faults: SimulatorFaultsInput = {};
  if (get('error-rate')) faults.errorRate = rate('--error-rate', get('error-rate')!);
  if (get('latency-ms')) faults.latencyMs = range('--latency-ms', get('latency-ms')!);
  if (get('timeout-rate')) faults.timeoutRate = rate('--timeout-rate', get('timeout-rate')!);
  if (get('timeout-hold-ms')) faults.timeoutHoldMs = whole('--timeout-hold-ms', get('timeout-hold-ms')!);
  if (get('duplicate-rate')) faults.duplicateRate = rate('--duplicate-rate', get('duplicate-rate')!);
  if (get('out-of-order')) faults.outOfOrderRate = yesNoOrRate('--out-of-order', get('out-of-order')!);

  const url = get('webhook-url');
  const secret = get('webhook-secret');
  if (url && !secret) throw new Error('a webhook needs a secret: --webhook-secret or WEBHOOK_SECRET');
  if (secret && !url) throw new Error('--webhook-secret without --webhook-url');
  if (url && !/^https?:\/\/\S+$/.test(url)) throw new Error('--webhook-url must be an http(s) address');
  const secrets = secret
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

  const settings: SimulatorCliSettings = {
    help,
    port: get('port') !== undefined ? whole('--port', get('port')!) : kind === 'employment-area' ? 4010 : 4020,
    host: get('host') ?? '127.0.0.1',
    seed: get('seed') !== undefined ? whole('--seed', get('seed')!, 1) : undefined,
    logLevel: get('log-level') ?? 'info',
    faults,
    webhook: url && secrets?.length ? { url, secret: secrets } : undefined,
    xRoadService: get('x-road-service'),
    referrals:
      kind === 'employment-area' && get('referrals') !== undefined ? whole('--referrals', get('referrals')!) : kind === 'employment-area' ? 20 : 0,
  };
  if (settings.port > 65_535) throw new Error('--port must be at most 65535');
  if (get('auto-generate-ms'))
    settings.autoGenerate = {
      everyMs: whole('--auto-generate-ms', get('auto-generate-ms')!, 1),
      batch: get('auto-generate-batch') ? whole('--auto-generate-batch', get('auto-generate-batch')!, 1) : 1,
    };
  if (get('decision-delay-ms')) settings.decisionDelayMs = range('--decision-delay-ms', get('decision-delay-ms')!);
  return settings;
}

/**
 * Runs a simulator until SIGINT or SIGTERM, then stops it (held requests, timers, pushes and
 * connections end at once) and exits 0; a second signal exits at once. A failure to start is one
 * line on stderr and exit status 1.
 */
export async function runSimulatorCli<T extends { stop(): Promise<void> }>(
  kind: SimulatorKind,
  start: (settings: SimulatorCliSettings, logger: Logger) => Promise<T>,
  summary: (running: T) => Record<string, unknown>,
): Promise<void> {
  let settings: SimulatorCliSettings;
  try {
    settings = parseSimulatorCli(kind, process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  if (settings.help) return void process.stdout.write(`${simulatorUsage(kind)}\n`);
  const logger = createLogger(settings.logLevel).child({ component: `${kind}-simulator` });
  let running: T;
  try {
    running = await start(settings, logger);
  } catch (error) {
    const code = (error as { code?: string }).code;
    process.stderr.write(
      `The simulator cannot start: ${code === 'EADDRINUSE' ? 'the port is already in use (PORT or --port)' : (error as Error).message}\n`,
    );
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'stopping');
    running
      .stop()
      .then(() => {
        logger.info(summary(running), 'stopped');
        logger.flush();
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
