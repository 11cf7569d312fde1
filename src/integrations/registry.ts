import fs from 'node:fs';

import type { EmploymentAreaConnection, IntegrationConnections, WageSubsidyConnection } from '../modules/integration/connections';
import type { Logger } from '../platform/logger';
import type { ConnectionConfig, IntegrationsConfig } from './config';
import { EmploymentAreaHttpAdapter } from './employment-area/employment-area.http';
import { DEMO_CASE_MANAGER_EMAILS } from './employment-area/employment-area.referrals';
import { RunningEmploymentAreaSimulator, startEmploymentAreaSimulator } from './employment-area/employment-area.simulator';
import type { OutboundEndpoint } from './shared/outbound-http';
import type { SimulatorFaultsInput } from './simulator/faults';
import { WageSubsidyHttpAdapter } from './wage-subsidy/wage-subsidy.http';
import { RunningWageSubsidySimulator, startWageSubsidySimulator } from './wage-subsidy/wage-subsidy.simulator';

export interface Integrations {
  connections: IntegrationConnections;
  /** The in-process simulators, when a connection uses them. */
  simulators: { employmentArea?: RunningEmploymentAreaSimulator; wageSubsidy?: RunningWageSubsidySimulator };
  /** The systems an in-process simulator stands in for (for every organisation using it). */
  simulated: Array<'EMPLOYMENT_AREA' | 'WAGE_SUBSIDY'>;
  stop(): Promise<void>;
}

function endpointOf(connection: ConnectionConfig, baseUrl: string): OutboundEndpoint {
  return {
    baseUrl,
    timeoutMs: connection.timeoutMs,
    maxAttempts: connection.maxAttempts,
    backoff: connection.backoff,
    breaker: connection.breaker,
    xRoad: connection.xRoad,
    tls: connection.tls && {
      cert: fs.readFileSync(connection.tls.certFile, 'utf8'),
      key: fs.readFileSync(connection.tls.keyFile, 'utf8'),
      ca: connection.tls.caFile ? fs.readFileSync(connection.tls.caFile, 'utf8') : undefined,
    },
  };
}

/**
 * Builds one adapter per configured connection (organisations sharing the default share its
 * adapter, and so its circuit breaker: one outside system, one view of whether it is up), and
 * starts the in-process simulators when a connection names them.
 */
export async function buildIntegrations(config: IntegrationsConfig, logger: Logger): Promise<Integrations> {
  const all = [config.default, ...Object.values(config.organisations)];
  const simulators: Integrations['simulators'] = {};
  const closers: Array<() => void | Promise<void>> = [];
  try {
    const faults = config.simulator.faults as SimulatorFaultsInput | undefined;
    if (all.some((systems) => systems?.employmentArea?.adapter === 'simulator')) {
      simulators.employmentArea = await startEmploymentAreaSimulator({
        initialReferrals: config.simulator.initialReferrals,
        autoGenerate: config.simulator.referralsEveryMs ? { everyMs: config.simulator.referralsEveryMs, batch: 1 } : undefined,
        caseManagerEmails: DEMO_CASE_MANAGER_EMAILS,
        faults,
        logger: logger.child({ component: 'employment-area-simulator' }),
      });
      closers.push(() => simulators.employmentArea!.stop());
      logger.info({ url: simulators.employmentArea.url }, 'employment-area simulator running in-process');
    }
    if (all.some((systems) => systems?.wageSubsidy?.adapter === 'simulator')) {
      simulators.wageSubsidy = await startWageSubsidySimulator({
        decisionDelayMs: config.simulator.decisionDelayMs,
        faults,
        logger: logger.child({ component: 'wage-subsidy-simulator' }),
      });
      closers.push(() => simulators.wageSubsidy!.stop());
      logger.info({ url: simulators.wageSubsidy.url }, 'wage-subsidy simulator running in-process');
    }
  } catch (error) {
    await Promise.all(closers.map((close) => close()));
    throw error;
  }

  const employmentArea = new Map<ConnectionConfig, EmploymentAreaConnection | undefined>();
  const wageSubsidy = new Map<ConnectionConfig, WageSubsidyConnection | undefined>();
  const employmentAreaOf = (connection: ConnectionConfig | undefined) => {
    if (!connection || connection.adapter === 'none') return undefined;
    if (!employmentArea.has(connection)) {
      const baseUrl = connection.adapter === 'simulator' ? simulators.employmentArea!.url : connection.baseUrl!;
      const port = new EmploymentAreaHttpAdapter(endpointOf(connection, baseUrl));
      closers.push(() => port.close());
      employmentArea.set(connection, {
        port,
        poll: connection.poll,
        webhookSecrets: connection.webhookSecrets,
        employmentAreaId: connection.employmentAreaId,
      });
    }
    return employmentArea.get(connection);
  };
  const wageSubsidyOf = (connection: ConnectionConfig | undefined) => {
    if (!connection || connection.adapter === 'none') return undefined;
    if (!wageSubsidy.has(connection)) {
      const baseUrl = connection.adapter === 'simulator' ? simulators.wageSubsidy!.url : connection.baseUrl!;
      const port = new WageSubsidyHttpAdapter(endpointOf(connection, baseUrl));
      closers.push(() => port.close());
      wageSubsidy.set(connection, { port, poll: connection.poll, webhookSecrets: connection.webhookSecrets });
    }
    return wageSubsidy.get(connection);
  };
  // Built now, so a missing certificate file fails the start rather than the first message.
  for (const systems of all) {
    employmentAreaOf(systems?.employmentArea);
    wageSubsidyOf(systems?.wageSubsidy);
  }
  const systemsOf = (organisationId: string) => config.organisations[organisationId] ?? config.default;
  const hasDefault = Boolean(config.default?.employmentArea || config.default?.wageSubsidy);
  return {
    simulators,
    simulated: [...(simulators.employmentArea ? (['EMPLOYMENT_AREA'] as const) : []), ...(simulators.wageSubsidy ? (['WAGE_SUBSIDY'] as const) : [])],
    connections: {
      employmentArea: (organisationId) => employmentAreaOf(systemsOf(organisationId)?.employmentArea),
      wageSubsidy: (organisationId) => wageSubsidyOf(systemsOf(organisationId)?.wageSubsidy),
      organisations: () => (hasDefault ? 'all' : Object.keys(config.organisations)),
    },
    stop: async () => {
      await Promise.all(closers.reverse().map((close) => close()));
    },
  };
}
