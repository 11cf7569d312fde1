import { AccessLogResolver } from '../modules/access-log/access-log.resolver';
import { AttendanceResolver, PeriodAttendanceFields } from '../modules/attendance/attendance.resolver';
import {
  CapacityAssessmentResolver,
  CapacityDimensionResolver,
  CapacityInstrumentResolver,
  CapacityScoreResolver,
  TraineeCapacityFields,
} from '../modules/capacity/capacity.resolver';
import { CoachingPeriodResolver, TraineePeriodFields } from '../modules/coaching-period/coaching-period.resolver';
import {
  CompetenceRecordResolver,
  QualificationResolver,
  QualificationUnitResolver,
  TraineeCompetenceFields,
} from '../modules/competence/competence.resolver';
import { CompetenceProfileResolver } from '../modules/competence-profile/competence-profile.resolver';
import { ProfileConsentResolver, TraineeConsentFields } from '../modules/consent/consent.resolver';
import { CoachingPeriodFinalSummaryFields, FinalSummaryResolver } from '../modules/final-summary/final-summary.resolver';
import { GroupSessionParticipantResolver, GroupSessionResolver } from '../modules/group-session/group-session.resolver';
import { I18nResolver } from '../modules/i18n/i18n.resolver';
import { IndicatorResolver } from '../modules/indicator/indicator.resolver';
import { IntegrationResolver } from '../modules/integration/integration.resolver';
import { MeResolver } from '../modules/me/me.resolver';
import { CaseManagerResolver, OrganisationFields, OrganisationResolver, WorkUnitResolver } from '../modules/organisation/organisation.resolver';
import { CoachingPeriodOutcomeFields, OutcomeResolver } from '../modules/outcome/outcome.resolver';
import { PeriodPlacementFields, PlacementResolver, TraineePlacementFields } from '../modules/placement/placement.resolver';
import { PrivacyResolver } from '../modules/privacy/privacy.resolver';
import { ReferralResolver, TraineeReferralFields } from '../modules/referral/referral.resolver';
import { StaffResolver } from '../modules/staff/staff.resolver';
import { SystemResolver } from '../modules/system/system.resolver';
import { TaskResolver } from '../modules/task-catalogue/task.resolver';
import { TraineeResolver } from '../modules/trainee/trainee.resolver';
import { AccessReviewResolver } from '../modules/user/access-review.resolver';
import { UserResolver } from '../modules/user/user.resolver';
import { WageSubsidyResolver } from '../modules/wage-subsidy/wage-subsidy.resolver';
import { TraineeWorkOrderFields, WorkOrderAssignmentResolver, WorkOrderResolver } from '../modules/work-order/work-order.resolver';
import { PeriodWorkTrialFields, WorkTrialResolver } from '../modules/work-trial/work-trial.resolver';
import type { Services } from './services';

/**
 * Every resolver, built once with the services it uses (constructor injection). type-graphql asks
 * this registry for an instance of each class (the `container` in schema.ts); a class missing here
 * fails the schema build at start-up.
 */
export function createResolvers(services: Services): Map<Function, object> {
  return new Map<Function, object>([
    [SystemResolver, new SystemResolver(services.system)],
    [OrganisationResolver, new OrganisationResolver(services.organisation)],
    [OrganisationFields, new OrganisationFields(services.organisation)],
    [WorkUnitResolver, new WorkUnitResolver()],
    [CaseManagerResolver, new CaseManagerResolver()],
    [StaffResolver, new StaffResolver(services.staff)],
    [TraineeResolver, new TraineeResolver(services.trainee)],
    [ReferralResolver, new ReferralResolver(services.referral)],
    [TraineeReferralFields, new TraineeReferralFields()],
    [CoachingPeriodResolver, new CoachingPeriodResolver(services.coachingPeriod)],
    [TraineePeriodFields, new TraineePeriodFields()],
    [PlacementResolver, new PlacementResolver(services.placement)],
    [PeriodPlacementFields, new PeriodPlacementFields()],
    [TraineePlacementFields, new TraineePlacementFields()],
    [AttendanceResolver, new AttendanceResolver(services.attendance)],
    [PeriodAttendanceFields, new PeriodAttendanceFields()],
    [FinalSummaryResolver, new FinalSummaryResolver(services.finalSummary)],
    [CoachingPeriodFinalSummaryFields, new CoachingPeriodFinalSummaryFields()],
    [OutcomeResolver, new OutcomeResolver(services.outcome)],
    [CoachingPeriodOutcomeFields, new CoachingPeriodOutcomeFields()],
    [GroupSessionResolver, new GroupSessionResolver(services.groupSession)],
    [GroupSessionParticipantResolver, new GroupSessionParticipantResolver()],
    [IndicatorResolver, new IndicatorResolver(services.indicator)],
    [I18nResolver, new I18nResolver(services.i18n)],
    [TaskResolver, new TaskResolver(services.taskCatalogue)],
    [WorkOrderResolver, new WorkOrderResolver(services.workOrder)],
    [WorkOrderAssignmentResolver, new WorkOrderAssignmentResolver()],
    [TraineeWorkOrderFields, new TraineeWorkOrderFields()],
    [CapacityInstrumentResolver, new CapacityInstrumentResolver(services.capacity)],
    [CapacityDimensionResolver, new CapacityDimensionResolver()],
    [CapacityAssessmentResolver, new CapacityAssessmentResolver(services.capacity)],
    [CapacityScoreResolver, new CapacityScoreResolver()],
    [TraineeCapacityFields, new TraineeCapacityFields()],
    [QualificationResolver, new QualificationResolver(services.competence)],
    [QualificationUnitResolver, new QualificationUnitResolver()],
    [CompetenceRecordResolver, new CompetenceRecordResolver(services.competence)],
    [TraineeCompetenceFields, new TraineeCompetenceFields()],
    [PrivacyResolver, new PrivacyResolver(services.privacy)],
    [AccessLogResolver, new AccessLogResolver(services.accessLog)],
    [ProfileConsentResolver, new ProfileConsentResolver(services.consent)],
    [TraineeConsentFields, new TraineeConsentFields()],
    [CompetenceProfileResolver, new CompetenceProfileResolver(services.competenceProfile)],
    [WorkTrialResolver, new WorkTrialResolver(services.workTrial)],
    [MeResolver, new MeResolver(services.users)],
    [UserResolver, new UserResolver(services.users)],
    [AccessReviewResolver, new AccessReviewResolver(services.accessReview)],
    [PeriodWorkTrialFields, new PeriodWorkTrialFields(services.workTrial)],
    [WageSubsidyResolver, new WageSubsidyResolver(services.wageSubsidy)],
    [IntegrationResolver, new IntegrationResolver(services.integrationDelivery)],
  ]);
}

/** The resolver classes, for building the schema (and printing it) without services. */
export const resolverClasses = [
  MeResolver,
  UserResolver,
  AccessReviewResolver,
  SystemResolver,
  OrganisationResolver,
  OrganisationFields,
  WorkUnitResolver,
  CaseManagerResolver,
  StaffResolver,
  TraineeResolver,
  ReferralResolver,
  TraineeReferralFields,
  CoachingPeriodResolver,
  TraineePeriodFields,
  PlacementResolver,
  PeriodPlacementFields,
  TraineePlacementFields,
  AttendanceResolver,
  PeriodAttendanceFields,
  FinalSummaryResolver,
  CoachingPeriodFinalSummaryFields,
  OutcomeResolver,
  CoachingPeriodOutcomeFields,
  GroupSessionResolver,
  GroupSessionParticipantResolver,
  IndicatorResolver,
  I18nResolver,
  TaskResolver,
  WorkOrderResolver,
  WorkOrderAssignmentResolver,
  TraineeWorkOrderFields,
  CapacityInstrumentResolver,
  CapacityDimensionResolver,
  CapacityAssessmentResolver,
  CapacityScoreResolver,
  TraineeCapacityFields,
  QualificationResolver,
  QualificationUnitResolver,
  CompetenceRecordResolver,
  TraineeCompetenceFields,
  PrivacyResolver,
  AccessLogResolver,
  ProfileConsentResolver,
  TraineeConsentFields,
  CompetenceProfileResolver,
  WorkTrialResolver,
  PeriodWorkTrialFields,
  WageSubsidyResolver,
  IntegrationResolver,
] as const;
