import { AccessLogEntry } from '../modules/access-log/access-log.entity';
import { AttendanceEntry, AttendanceReport, DiaryEntry } from '../modules/attendance/attendance.entities';
import {
  CapacityAssessment,
  CapacityDimensionDefinition,
  CapacityInstrument,
  CapacityItem,
  CapacityScore,
} from '../modules/capacity/capacity.entities';
import { CheckPoint, CoachingPeriod } from '../modules/coaching-period/coaching-period.entities';
import { CompetenceRecord, CompetenceRequirement, Qualification, QualificationUnit } from '../modules/competence/competence.entities';
import { ProfileConsent } from '../modules/consent/consent.entity';
import { FinalSummary } from '../modules/final-summary/final-summary.entity';
import { GroupSession, GroupSessionParticipant } from '../modules/group-session/group-session.entities';
import { StateChange } from '../modules/history/state-change.entity';
import { Indicator, IndicatorMeasurement, IndicatorTarget } from '../modules/indicator/indicator.entities';
/**
 * Every TypeORM entity, listed once so the data source, the migration generator and the tests
 * agree on the model. Add a module's entities here.
 */
import { InboundMessage, IntegrationCursor, OutboxMessage, WebhookReceipt } from '../modules/integration/integration.entities';
import {
  CaseManager,
  Department,
  EmploymentArea,
  EmploymentAreaOrganisation,
  Organisation,
  PartnerCompany,
  WorkUnit,
} from '../modules/organisation/organisation.entities';
import { Outcome } from '../modules/outcome/outcome.entity';
import { Placement } from '../modules/placement/placement.entity';
import { Referral } from '../modules/referral/referral.entity';
import { StaffMember } from '../modules/staff/staff.entity';
import { Task } from '../modules/task-catalogue/task.entity';
import { Trainee } from '../modules/trainee/trainee.entity';
import { User, UserChange, UserRole } from '../modules/user/user.entities';
import { SubsidisedPosition, SubsidyApplication, SubsidyDecision } from '../modules/wage-subsidy/wage-subsidy.entities';
import { WorkOrder, WorkOrderAssignment } from '../modules/work-order/work-order.entities';
import { WorkTrialAgreement, WorkTrialFeedback } from '../modules/work-trial/work-trial.entities';

export const modelEntities: Function[] = [
  Organisation,
  EmploymentArea,
  EmploymentAreaOrganisation,
  CaseManager,
  Department,
  WorkUnit,
  PartnerCompany,
  StaffMember,
  Trainee,
  Referral,
  CoachingPeriod,
  CheckPoint,
  StateChange,
  Task,
  WorkOrder,
  WorkOrderAssignment,
  Placement,
  AttendanceEntry,
  AttendanceReport,
  DiaryEntry,
  CapacityInstrument,
  CapacityDimensionDefinition,
  CapacityItem,
  CapacityAssessment,
  CapacityScore,
  Qualification,
  QualificationUnit,
  CompetenceRequirement,
  CompetenceRecord,
  FinalSummary,
  Outcome,
  GroupSession,
  GroupSessionParticipant,
  Indicator,
  IndicatorTarget,
  IndicatorMeasurement,
  ProfileConsent,
  WorkTrialAgreement,
  WorkTrialFeedback,
  AccessLogEntry,
  SubsidisedPosition,
  SubsidyApplication,
  SubsidyDecision,
  OutboxMessage,
  InboundMessage,
  IntegrationCursor,
  WebhookReceipt,
  User,
  UserRole,
  UserChange,
];
