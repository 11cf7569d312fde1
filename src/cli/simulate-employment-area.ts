import { startEmploymentAreaSimulator } from '../integrations/employment-area/employment-area.simulator';
import { runSimulatorCli } from '../integrations/simulator/cli';

/**
 * `npm run simulate:employment-area [-- options]`: the employment area's client system on
 * http://127.0.0.1:4010 (in memory, made-up people): `GET /referrals`, the message endpoints, and
 * `/_sim/stats`, `/_sim/faults`, `/_sim/referrals` for demos and tests. `--help` lists the options
 * (faults, webhook, X-Road). Logs counts and ids only, never names or identity codes.
 */
void runSimulatorCli(
  'employment-area',
  async (settings, logger) => {
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
