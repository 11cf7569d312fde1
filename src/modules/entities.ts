import { AccessLogEntry } from './access-log/access-log.entity';
import { AttendanceEntry, DiaryEntry } from './attendance/attendance.entities';
import { CapacityAssessment, CapacityDimensionDefinition, CapacityInstrument, CapacityItem, CapacityScore } from './capacity/capacity.entities';
import { CheckPoint, CoachingPeriod } from './coaching-period/coaching-period.entities';
import { CompetenceRecord, CompetenceRequirement, Qualification, QualificationUnit } from './competence/competence.entities';
import { ProfileConsent } from './consent/consent.entity';
import { FinalSummary } from './final-summary/final-summary.entity';
import { GroupSession, GroupSessionParticipant } from './group-session/group-session.entities';
import { StateChange } from './history/state-change.entity';
import { Indicator, IndicatorMeasurement, IndicatorTarget } from './indicator/indicator.entities';
import { CaseManager, Department, EmploymentArea, PartnerCompany, WorkUnit } from './organisation/organisation.entities';
import { Outcome } from './outcome/outcome.entity';
import { Placement } from './placement/placement.entity';
import { Referral } from './referral/referral.entity';
import { StaffMember } from './staff/staff.entity';
import { Task } from './task-catalogue/task.entity';
import { Trainee } from './trainee/trainee.entity';
import { WorkOrder, WorkOrderAssignment } from './work-order/work-order.entities';
import { WorkTrialAgreement, WorkTrialFeedback } from './work-trial/work-trial.entities';

/**
 * Every TypeORM entity, listed once so the data source, the migration generator and the tests
 * agree on the model. Add a module's entities here.
 */
export const allEntities: Function[] = [
  EmploymentArea, CaseManager, Department, WorkUnit, PartnerCompany,
  StaffMember, Trainee, Referral, CoachingPeriod, CheckPoint, StateChange,
  Task, WorkOrder, WorkOrderAssignment, Placement, AttendanceEntry, DiaryEntry,
  CapacityInstrument, CapacityDimensionDefinition, CapacityItem, CapacityAssessment, CapacityScore,
  Qualification, QualificationUnit, CompetenceRequirement, CompetenceRecord,
  FinalSummary, Outcome, GroupSession, GroupSessionParticipant,
  Indicator, IndicatorTarget, IndicatorMeasurement,
  ProfileConsent,
  WorkTrialAgreement, WorkTrialFeedback,
  AccessLogEntry,
];
