import { AttendanceResolver, PeriodAttendanceFields } from './attendance/attendance.resolver';
import { CoachingPeriodResolver, TraineePeriodFields } from './coaching-period/coaching-period.resolver';
import { CoachingPeriodFinalSummaryFields, FinalSummaryResolver } from './final-summary/final-summary.resolver';
import { GroupSessionParticipantResolver, GroupSessionResolver } from './group-session/group-session.resolver';
import { I18nResolver } from './i18n/i18n.resolver';
import { MeResolver } from './me/me.resolver';
import { IndicatorResolver } from './indicator/indicator.resolver';
import { CoachingPeriodOutcomeFields, OutcomeResolver } from './outcome/outcome.resolver';
import {
  CapacityAssessmentResolver,
  CapacityDimensionResolver,
  CapacityInstrumentResolver,
  CapacityScoreResolver,
  TraineeCapacityFields,
} from './capacity/capacity.resolver';
import {
  CompetenceRecordResolver,
  QualificationResolver,
  QualificationUnitResolver,
  TraineeCompetenceFields,
} from './competence/competence.resolver';
import { CaseManagerResolver, OrganisationResolver, WorkUnitResolver } from './organisation/organisation.resolver';
import { PeriodPlacementFields, PlacementResolver, TraineePlacementFields } from './placement/placement.resolver';
import { AccessLogResolver } from './access-log/access-log.resolver';
import { PrivacyResolver } from './privacy/privacy.resolver';
import { ProfileConsentResolver, TraineeConsentFields } from './consent/consent.resolver';
import { CompetenceProfileResolver } from './competence-profile/competence-profile.resolver';
import { ReferralResolver, TraineeReferralFields } from './referral/referral.resolver';
import { StaffResolver } from './staff/staff.resolver';
import { SystemResolver } from './system/system.resolver';
import { TaskResolver } from './task-catalogue/task.resolver';
import { TraineeResolver } from './trainee/trainee.resolver';
import { TraineeWorkOrderFields, WorkOrderAssignmentResolver, WorkOrderResolver } from './work-order/work-order.resolver';
import { PeriodWorkTrialFields, WorkTrialResolver } from './work-trial/work-trial.resolver';

/** Every resolver class; the schema is built from this list. */
export const allResolvers = [SystemResolver, OrganisationResolver, WorkUnitResolver, CaseManagerResolver, StaffResolver, TraineeResolver, ReferralResolver, TraineeReferralFields, CoachingPeriodResolver, TraineePeriodFields, PlacementResolver, PeriodPlacementFields, TraineePlacementFields, AttendanceResolver, PeriodAttendanceFields, FinalSummaryResolver, CoachingPeriodFinalSummaryFields, OutcomeResolver, CoachingPeriodOutcomeFields, GroupSessionResolver, GroupSessionParticipantResolver, IndicatorResolver, I18nResolver,
  TaskResolver, WorkOrderResolver, WorkOrderAssignmentResolver, TraineeWorkOrderFields,
  CapacityInstrumentResolver, CapacityDimensionResolver, CapacityAssessmentResolver, CapacityScoreResolver, TraineeCapacityFields,
  QualificationResolver, QualificationUnitResolver, CompetenceRecordResolver, TraineeCompetenceFields,
  PrivacyResolver,
  AccessLogResolver,
  ProfileConsentResolver, TraineeConsentFields, CompetenceProfileResolver,
  WorkTrialResolver, PeriodWorkTrialFields,
  MeResolver,
] as const;
