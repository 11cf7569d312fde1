import type { EmploymentAreaPort } from '../../integrations/employment-area/employment-area.port';
import type { WageSubsidyPort } from '../../integrations/wage-subsidy/wage-subsidy.port';

/** One organisation's link to its employment area's client system. */
export interface EmploymentAreaConnection {
  port: EmploymentAreaPort;
  /** The area whose referrals come through this link; unset: the organisation's only (or first) linked area. */
  employmentAreaId?: string;
  /** Fetch referrals on a timer (else they come only by webhook). */
  poll: boolean;
  /** Secrets webhook pushes are signed with (several while one is being rotated). */
  webhookSecrets: string[];
}

export interface WageSubsidyConnection {
  port: WageSubsidyPort;
  poll: boolean;
  webhookSecrets: string[];
}

/**
 * Which adapter serves which organisation: built by the composition root from configuration.
 * Domain services see ports only, never how they are reached.
 */
export interface IntegrationConnections {
  employmentArea(organisationId: string): EmploymentAreaConnection | undefined;
  wageSubsidy(organisationId: string): WageSubsidyConnection | undefined;
  /**
   * Organisations with a connection of their own; `'all'` when a default serves every
   * organisation (polling then walks the organisation table).
   */
  organisations(): string[] | 'all';
}

/** No outside system at all: messages wait in the outbox until one is configured. */
export const noConnections: IntegrationConnections = {
  employmentArea: () => undefined,
  wageSubsidy: () => undefined,
  organisations: () => [],
};
