import type { DataSource } from 'typeorm';

import { AccessService } from '../modules/access/access.service';
import { AccessLogService } from '../modules/access-log/access-log.service';
import { AttendanceService } from '../modules/attendance/attendance.service';
import { AttendanceReportService } from '../modules/attendance/monthly-report.service';
import { CapacityService } from '../modules/capacity/capacity.service';
import { latestAssessmentJoin } from '../modules/capacity/trainee-join';
import { CoachingPeriodService } from '../modules/coaching-period/coaching-period.service';
import { currentPeriodJoin } from '../modules/coaching-period/trainee-join';
import { CompetenceService } from '../modules/competence/competence.service';
import { verifiedCompetenceCountJoin } from '../modules/competence/trainee-join';
import { CompetenceProfileService } from '../modules/competence-profile/competence-profile.service';
import { ConsentService } from '../modules/consent/consent.service';
import { FinalSummaryService } from '../modules/final-summary/final-summary.service';
import { GroupSessionService } from '../modules/group-session/group-session.service';
import { HistoryService } from '../modules/history/history.service';
import { I18nService } from '../modules/i18n/i18n.service';
import { IndicatorService } from '../modules/indicator/indicator.service';
import type { IntegrationConnections } from '../modules/integration/connections';
import { IntegrationDeliveryService } from '../modules/integration/delivery.service';
import { InboundService } from '../modules/integration/inbound.service';
import { Outbox } from '../modules/integration/outbox';
import { legalConfigFrom } from '../modules/legal-config';
import { OrganisationService } from '../modules/organisation/organisation.service';
import { OutcomeService } from '../modules/outcome/outcome.service';
import { PlacementService } from '../modules/placement/placement.service';
import { currentPlacementJoin } from '../modules/placement/trainee-join';
import { PrivacyService } from '../modules/privacy/privacy.service';
import { ReferralService } from '../modules/referral/referral.service';
import { StaffService } from '../modules/staff/staff.service';
import { SystemService } from '../modules/system/system.service';
import { TaskCatalogueService } from '../modules/task-catalogue/task.service';
import { TraineeService } from '../modules/trainee/trainee.service';
import { AccessReviewService } from '../modules/user/access-review.service';
import { UserService } from '../modules/user/user.service';
import { UserDirectory } from '../modules/user/user-directory';
import { WageSubsidyService } from '../modules/wage-subsidy/wage-subsidy.service';
import { WorkOrderService } from '../modules/work-order/work-order.service';
import { WorkTrialService } from '../modules/work-trial/work-trial.service';
import type { Clock } from '../platform/clock';
import type { AppConfig } from '../platform/config';
import { PersonalDataCipher } from '../platform/crypto';
import type { Logger } from '../platform/logger';

/** The composition root: one instance of each module's service, shared by all requests. */
export function createServices(dataSource: DataSource, config: AppConfig, clock: Clock, options: ServiceOptions) {
  const history = new HistoryService(dataSource, clock);
  const outbox = new Outbox(new PersonalDataCipher(config.keyRing));
  const staff = new StaffService(dataSource);
  // What a page of trainees fetches in its own statement when the client selects it.
  const trainee = new TraineeService(dataSource, config, clock, [
    currentPeriodJoin(dataSource),
    currentPlacementJoin(dataSource, clock),
    latestAssessmentJoin(dataSource),
    verifiedCompetenceCountJoin(),
  ]);
  const referral = new ReferralService(dataSource, history, trainee, clock, outbox);
  const wageSubsidy = new WageSubsidyService(dataSource, history, trainee, outbox, clock);
  const integrationDelivery = new IntegrationDeliveryService(
    dataSource,
    outbox,
    options.connections,
    {
      maxAttempts: config.INTEGRATION_MAX_ATTEMPTS,
      initialDelayMs: config.INTEGRATION_RETRY_INITIAL_MS,
      maxDelayMs: config.INTEGRATION_RETRY_MAX_MS,
      leaseSeconds: config.INTEGRATION_LEASE_SECONDS,
    },
    history,
    clock,
    options.logger,
  );
  // Whatever arrives from outside ends in the module that owns the rule, inside the transaction that records its arrival.
  const inbound = new InboundService(
    dataSource,
    options.connections,
    {
      referral: (manager, organisationId, areaId, received) => referral.receiveFromEmploymentArea(manager, organisationId, areaId, received),
      decision: (manager, organisationId, decision) => wageSubsidy.receiveDecision(manager, organisationId, decision),
    },
    clock,
    options.logger,
  );
  // LEGAL_LIMITS, EXPENSE_ALLOWANCE_BASES and the daily rate over the legal defaults.
  const legal = legalConfigFrom(config);
  // Who a token's identity is: cached per instance, emptied on every instance by a change (NOTIFY).
  const userDirectory = new UserDirectory(dataSource, { groupRoles: config.AUTH_GROUP_ROLES ?? [], cacheMs: config.AUTH_USER_CACHE_MS, clock });
  return {
    userDirectory,
    users: new UserService(dataSource, userDirectory, clock),
    accessReview: new AccessReviewService(dataSource, config.AUTH_GROUP_ROLES ?? [], clock),
    system: new SystemService(dataSource, config),
    access: new AccessService(dataSource),
    accessLog: new AccessLogService(dataSource),
    history,
    finalSummary: new FinalSummaryService(dataSource, history, clock, outbox),
    outcome: new OutcomeService(dataSource, clock, outbox),
    groupSession: new GroupSessionService(dataSource, clock),
    indicator: new IndicatorService(dataSource),
    i18n: new I18nService(),
    organisation: new OrganisationService(dataSource, history, {
      expenseAllowanceCentsPerDay: config.EXPENSE_ALLOWANCE_CENTS_PER_DAY,
      retentionYears: config.RETENTION_YEARS,
    }),
    staff,
    trainee,
    referral,
    wageSubsidy,
    outbox,
    integrationDelivery,
    inbound,
    coachingPeriod: new CoachingPeriodService(dataSource, history, { staff, referral }, clock, legal.limits),
    placement: new PlacementService(dataSource, history, clock, legal.limits),
    attendance: new AttendanceService(dataSource, legal, clock),
    attendanceReports: new AttendanceReportService(dataSource, legal.expenseAllowance, outbox, clock),
    workTrial: new WorkTrialService(dataSource, clock, legal.limits),
    taskCatalogue: new TaskCatalogueService(dataSource),
    workOrder: new WorkOrderService(dataSource, history, clock),
    capacity: new CapacityService(dataSource, clock),
    competence: new CompetenceService(dataSource, history, clock),
    privacy: new PrivacyService(dataSource, config, clock),
    consent: new ConsentService(dataSource, history, clock),
    competenceProfile: new CompetenceProfileService(dataSource),
  };
}

/** What the services need besides configuration: how outside systems are reached, and where to log. */
export interface ServiceOptions {
  connections: IntegrationConnections;
  logger: Logger;
}

export type Services = ReturnType<typeof createServices>;
