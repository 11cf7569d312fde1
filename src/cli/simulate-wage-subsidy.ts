import { runSimulatorCli } from '../integrations/simulator/cli';
import { startWageSubsidySimulator } from '../integrations/wage-subsidy/wage-subsidy.simulator';

/**
 * `npm run simulate:wage-subsidy [-- options]`: the wage-subsidy authority on
 * http://127.0.0.1:4020 (in memory): `POST /applications`, decisions after a delay on
 * `GET /decisions` (or pushed to a webhook), and `/_sim/stats`, `/_sim/faults`, `/_sim/decide-now`.
 * `--help` lists the options. Logs counts and ids only, never names or identity codes.
 */
void runSimulatorCli(
  'wage-subsidy',
  async (settings, logger) => {
    const simulator = await startWageSubsidySimulator({
      port: settings.port,
      host: settings.host,
      seed: settings.seed,
      faults: settings.faults,
      webhook: settings.webhook,
      xRoad: settings.xRoadService ? { service: settings.xRoadService } : undefined,
      decisionDelayMs: settings.decisionDelayMs,
      logger,
    });
    logger.info(
      {
        url: simulator.url,
        seed: simulator.seed,
        faults: simulator.faults(),
        decisionDelayMs: settings.decisionDelayMs ?? [2_000, 10_000],
        webhook: settings.webhook?.url ?? null,
        xRoadService: settings.xRoadService ?? null,
      },
      `wage-subsidy simulator at ${simulator.url}: POST /applications, GET /decisions; GET /_sim/stats`,
    );
    return simulator;
  },
  (simulator) => ({ stats: { applications: simulator.stats().applications, decisions: simulator.stats().decisions } }),
);
