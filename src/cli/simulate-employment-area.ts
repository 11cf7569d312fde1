import { startEmploymentAreaSimulator } from '../integrations/employment-area/employment-area.simulator';
import { parseSimulatorCli, runSimulatorCli, simulatorUsage } from '../integrations/simulator/cli';
import { createLogger } from '../platform/logger';

/**
 * `npm run simulate:employment-area [-- options]`: the employment area's client system on
 * http://127.0.0.1:4010 (in memory, made-up people): `GET /referrals`, the message endpoints, and
 * `/_sim/stats`, `/_sim/faults`, `/_sim/referrals` for demos and tests. `--help` lists the options
 * (faults, webhook, X-Road). Logs counts and ids only, never names or identity codes.
 */
function main(): Promise<void> | void {
  let settings;
  try {
    settings = parseSimulatorCli('employment-area', process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  if (settings.help) return void process.stdout.write(`${simulatorUsage('employment-area')}\n`);
  const logger = createLogger(settings.logLevel).child({ component: 'employment-area-simulator' });
  return runSimulatorCli(
    logger,
    async () => {
      const simulator = await startEmploymentAreaSimulator({
        port: settings.port,
        host: settings.host,
        seed: settings.seed,
        faults: settings.faults,
        webhook: settings.webhook,
        xRoad: settings.xRoadService ? { service: settings.xRoadService } : undefined,
        initialReferrals: settings.referrals,
        autoGenerate: settings.autoGenerate,
        logger,
      });
      logger.info(
        {
          url: simulator.url,
          seed: simulator.seed,
          faults: simulator.faults(),
          webhook: settings.webhook?.url ?? null,
          xRoadService: settings.xRoadService ?? null,
          autoGenerate: settings.autoGenerate ?? null,
        },
        `employment area simulator at ${simulator.url}: GET /referrals, POST /referral-decisions /attendance-reports /final-summaries /outcomes; GET /_sim/stats`,
      );
      return simulator;
    },
    (simulator) => ({ stats: { referrals: simulator.stats().referrals, messages: simulator.stats().messages } }),
  );
}

void main();
