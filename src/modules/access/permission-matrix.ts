import { Role } from '../../platform/auth/actor';

/**
 * Who may do what, written once as data. `AccessMiddleware` enforces it for every field of the
 * schema; list services apply the row scopes; `npm run schema` prints it to
 * docs/permissions.md; the matrix test walks it role by role.
 *
 * Three layers:
 * 1. Operations (`Query.x`, `Mutation.y`): which roles may call them at all, and whether the rows
 *    they return are all rows (`ALL`) or only the role's scope (`SCOPED`, see `roleScopes`).
 * 2. Subjects: an operation that names an object in its arguments (a period, a trainee, a work
 *    order) is allowed only when the caller's *view* of that object is one the rule lists.
 * 3. Fields of personal types: each field lists the views that may read it.
 */

/** How much of one trainee (or unit-owned object) a caller sees. */
export enum View {
  /** Everything: the trainee's own coach or career agent, the area's case manager, ADMIN. */
  FULL = 'FULL',
  /** Other coaching staff: who is in the programme, in which phase, where they work today. */
  ROSTER = 'ROSTER',
  /** A unit lead, for trainees working in their unit: name, days, tasks; never health or capacity. */
  UNIT = 'UNIT',
  /** Nothing: the object is out of scope and is reported as not found. */
  NONE = 'NONE',
}

export enum Grant {
  /** Every row; field views still apply. */
  ALL = 'ALL',
  /** Only rows in the role's scope (`roleScopes`). */
  SCOPED = 'SCOPED',
}

/** What an argument names; the access service finds its owning trainee / unit / area / company. */
export type SubjectKind =
  | 'trainee'
  | 'period'
  | 'placement'
  | 'checkPoint'
  | 'referral'
  | 'capacityAssessment'
  | 'competenceRecord'
  | 'finalSummary'
  | 'outcome'
  | 'workTrialAgreement'
  | 'workOrder'
  | 'workUnit'
  | 'employmentArea'
  | 'partnerCompany';

export interface SubjectRule {
  /** Dotted path into the arguments; arrays are walked (`input.entries.periodId`). */
  args: string[];
  kind: SubjectKind;
  /** Views of the subject that allow the operation. */
  views: View[];
  /**
   * Besides the view, the caller must hold the named period now: be its current coach or career
   * agent (ADMIN always may). For hand-overs: a FULL view from an earlier period is not enough to
   * take someone else's period over.
   */
  holder?: 'currentStaffOfPeriod';
  /**
   * The argument may be left out (by every role, or by the roles listed). Only where leaving it out
   * names no existing person (a referral bringing a new person) or names the person through another
   * listed subject. Otherwise a role that leaves it out is refused.
   */
  optional?: true | Role[];
}

export interface OperationRule {
  /** Callable without a token (health-style information only). */
  public?: boolean;
  roles: Partial<Record<Role, Grant>>;
  /**
   * Every object the arguments name, each checked against the caller's view of it. An operation
   * that can put a person into the caller's own scope (a referral from their area, a period they
   * coach) names that person here with the view the result would grant: no caller widens their
   * own scope, they must already have that view.
   */
  subjects?: SubjectRule[];
}

export const roleScopes: Record<Role, string> = {
  [Role.ADMIN]: 'everything',
  [Role.COACH]:
    'trainees with a coaching period where they are the coach or career agent, and trainees in intake (no period yet) (FULL); other trainees as a roster (ROSTER)',
  [Role.CAREER_AGENT]: 'as COACH',
  [Role.CASE_MANAGER]: "trainees of their employment area (the trainee's area or a referral from it)",
  [Role.UNIT_LEAD]: "their unit's work orders; trainees placed in or assigned to work in their unit (UNIT view)",
  [Role.PARTNER]: 'their own company; consented competence profiles only',
  [Role.ANALYST]: 'aggregates of their organisation only',
  [Role.TRAINEE]: 'their own data only',
  [Role.PLATFORM_OPERATOR]: 'organisations and their administrators; no personal data',
};

const { ADMIN, COACH, CAREER_AGENT, CASE_MANAGER, UNIT_LEAD, PARTNER, ANALYST, TRAINEE, PLATFORM_OPERATOR } = Role;
const { ALL, SCOPED } = Grant;
const { FULL, ROSTER, UNIT } = View;

const grantTo = (roles: readonly Role[], grant: Grant = ALL) =>
  Object.fromEntries(roles.map((role) => [role, grant])) as Partial<Record<Role, Grant>>;
/** The roles of people who work in (or with) an organisation: not its clients, not the platform operator. */
const workingRoles = [ADMIN, COACH, CAREER_AGENT, CASE_MANAGER, UNIT_LEAD, PARTNER, ANALYST] as const;
/** Catalogues and labels of the caller's organisation, for everyone working in it. */
const everyone = (grant: Grant = ALL) => grantTo(workingRoles, grant);
/** Every user, the platform operator and trainees included: nothing personal. */
const anyUser = grantTo(Object.values(Role));
const adminOnly = { [ADMIN]: ALL };
const platformOperator = { [PLATFORM_OPERATOR]: ALL };
const coachingStaff = { [ADMIN]: ALL, [COACH]: ALL, [CAREER_AGENT]: ALL };
const staffAndCaseManagers = { ...coachingStaff, [CASE_MANAGER]: ALL };

const on = (
  kind: SubjectKind,
  args: string | string[],
  views: View[] = [FULL],
  extra: Pick<SubjectRule, 'holder' | 'optional'> = {},
): SubjectRule => ({
  kind,
  args: Array.isArray(args) ? args : [args],
  views,
  ...extra,
});
const optional = { optional: true } as const;
const currentStaffOfPeriod = { holder: 'currentStaffOfPeriod' } as const;

export const operationRules: Record<string, OperationRule> = {
  // Not personal: service information, labels and catalogues.
  'Query.serviceInfo': { public: true, roles: anyUser },
  // Who am I: the caller's user, role, organisation and the row their scope is made of.
  'Query.me': { roles: anyUser },
  'Query.enumLabels': { roles: anyUser },
  'Query.allEnumLabels': { roles: anyUser },

  // Organisations: the platform operator creates them and links employment areas; each
  // organisation's ADMIN keeps its settings. The operator reads no personal data.
  'Query.organisation': { roles: { ...everyone(), [TRAINEE]: ALL } },
  'Query.organisations': { roles: platformOperator },
  'Mutation.createOrganisation': { roles: platformOperator },
  'Mutation.linkEmploymentArea': { roles: platformOperator },
  'Mutation.updateOrganisationSettings': { roles: adminOnly },

  // Users: an ADMIN links identities to roles of their organisation, changes and deactivates
  // them; the platform operator gives an organisation its ADMIN (and can take it away).
  'Query.userRoles': { roles: adminOnly },
  'Query.userChanges': { roles: adminOnly },
  'Mutation.linkUser': { roles: { [ADMIN]: ALL, [PLATFORM_OPERATOR]: ALL } },
  'Mutation.changeUserRole': { roles: adminOnly },
  'Mutation.deactivateUser': { roles: { [ADMIN]: ALL, [PLATFORM_OPERATOR]: ALL } },
  'Mutation.reactivateUser': { roles: { [ADMIN]: ALL, [PLATFORM_OPERATOR]: ALL } },

  'Query.tasks': { roles: everyone() },
  'Query.task': { roles: everyone() },
  'Query.qualifications': { roles: everyone() },
  'Query.qualification': { roles: everyone() },
  'Query.departments': { roles: everyone() },
  'Query.workUnits': { roles: everyone() },
  'Query.workUnit': { roles: everyone() },
  'Query.capacityInstruments': { roles: { ...staffAndCaseManagers } },
  'Query.capacityInstrument': { roles: { ...staffAndCaseManagers } },
  'Query.employmentAreas': { roles: { ...staffAndCaseManagers } },
  'Query.caseManagers': { roles: { ...staffAndCaseManagers } },
  'Query.staffMembers': { roles: { ...staffAndCaseManagers, [UNIT_LEAD]: ALL } },
  'Query.staffMember': { roles: { ...staffAndCaseManagers, [UNIT_LEAD]: ALL } },
  'Query.partnerCompanies': { roles: { ...coachingStaff } },
  'Query.partnerCompany': { roles: { ...coachingStaff, [PARTNER]: SCOPED }, subjects: [on('partnerCompany', 'id', [FULL])] },

  // Trainees and their coaching.
  'Query.trainees': { roles: { ...coachingStaff, [CASE_MANAGER]: SCOPED, [UNIT_LEAD]: SCOPED } },
  'Query.trainee': { roles: { ...coachingStaff, [CASE_MANAGER]: SCOPED, [UNIT_LEAD]: SCOPED } },
  'Query.traineeByIdentityCode': { roles: { ...coachingStaff, [CASE_MANAGER]: SCOPED } },
  'Query.referrals': { roles: { ...coachingStaff, [CASE_MANAGER]: SCOPED } },
  'Query.referral': { roles: { ...coachingStaff, [CASE_MANAGER]: SCOPED } },
  'Query.coachingPeriods': { roles: { ...coachingStaff, [CASE_MANAGER]: SCOPED } },
  'Query.coachingPeriod': { roles: { ...coachingStaff, [CASE_MANAGER]: SCOPED } },
  'Query.placements': { roles: { ...coachingStaff, [CASE_MANAGER]: SCOPED, [UNIT_LEAD]: SCOPED } },
  'Query.placement': { roles: { ...coachingStaff, [CASE_MANAGER]: SCOPED, [UNIT_LEAD]: SCOPED } },
  'Query.attendance': { roles: { ...staffAndCaseManagers, [UNIT_LEAD]: SCOPED }, subjects: [on('period', 'periodId', [FULL, ROSTER, UNIT])] },
  'Query.attendanceSummary': { roles: { ...staffAndCaseManagers, [UNIT_LEAD]: SCOPED }, subjects: [on('period', 'periodId', [FULL, ROSTER, UNIT])] },
  'Query.diaryEntries': { roles: { ...coachingStaff }, subjects: [on('period', 'periodId')] },
  'Query.capacityAssessments': { roles: { ...staffAndCaseManagers }, subjects: [on('period', 'periodId')] },
  'Query.capacityAssessment': { roles: { ...staffAndCaseManagers }, subjects: [on('capacityAssessment', 'id')] },
  'Query.capacityChange': { roles: { ...staffAndCaseManagers }, subjects: [on('capacityAssessment', ['fromAssessmentId', 'toAssessmentId'])] },
  'Query.competenceRecords': { roles: { [ADMIN]: ALL, [COACH]: SCOPED, [CAREER_AGENT]: SCOPED, [CASE_MANAGER]: SCOPED } },
  'Query.competenceRecord': {
    roles: { [ADMIN]: ALL, [COACH]: SCOPED, [CAREER_AGENT]: SCOPED, [CASE_MANAGER]: SCOPED },
    subjects: [on('competenceRecord', 'id')],
  },
  'Query.finalSummary': { roles: { ...staffAndCaseManagers }, subjects: [on('period', 'periodId')] },
  // The written work-trial agreement: whoever reads the period in FULL (the employment area's case
  // manager is a party to it).
  'Query.workTrialAgreements': { roles: { ...coachingStaff, [CASE_MANAGER]: SCOPED }, subjects: [on('period', 'periodId')] },
  'Query.outcomes': { roles: { ...staffAndCaseManagers }, subjects: [on('period', 'periodId')] },
  'Query.followUpsDue': { roles: { [ADMIN]: ALL, [COACH]: SCOPED, [CAREER_AGENT]: SCOPED } },
  'Query.groupSessions': { roles: { ...coachingStaff } },
  'Query.groupSession': { roles: { ...coachingStaff } },
  'Query.workOrders': { roles: { ...coachingStaff, [UNIT_LEAD]: SCOPED } },
  'Query.workOrder': { roles: { ...coachingStaff, [UNIT_LEAD]: SCOPED }, subjects: [on('workOrder', 'id', [FULL, UNIT])] },

  // The data subject's right of access: everything about one person, so ADMIN only.
  'Query.traineeDataExport': { roles: adminOnly },

  // "Tested workforce": partners see only the competence profiles consented to all partners or to
  // their own company (SCOPED, in CompetenceProfileService); the profile type has no path to Trainee.
  'Query.competenceProfiles': { roles: { [ADMIN]: ALL, [PARTNER]: SCOPED } },
  'Query.competenceProfile': { roles: { [ADMIN]: ALL, [PARTNER]: SCOPED } },

  // "Who has processed my data": the access log, by trainee or by user.
  'Query.accessLog': { roles: adminOnly },

  // Aggregates.
  'Query.outcomeStatistics': { roles: { ...staffAndCaseManagers, [ANALYST]: ALL } },
  'Query.indicators': { roles: { ...staffAndCaseManagers, [ANALYST]: ALL } },
  'Query.indicator': { roles: { ...staffAndCaseManagers, [ANALYST]: ALL } },

  // Administration of the organisation and catalogues.
  'Mutation.createDepartment': { roles: adminOnly },
  'Mutation.createWorkUnit': { roles: adminOnly },
  'Mutation.createEmploymentArea': { roles: { [ADMIN]: ALL, [PLATFORM_OPERATOR]: ALL } },
  'Mutation.createCaseManager': { roles: adminOnly },
  'Mutation.createStaffMember': { roles: adminOnly },
  'Mutation.updateStaffCaseload': { roles: adminOnly },
  'Mutation.createTask': { roles: adminOnly },
  'Mutation.updateTask': { roles: adminOnly },
  'Mutation.createCapacityInstrument': { roles: adminOnly },
  'Mutation.importQualification': { roles: adminOnly },
  'Mutation.createIndicator': { roles: adminOnly },
  'Mutation.setIndicatorTarget': { roles: adminOnly },
  'Mutation.recordIndicatorMeasurement': { roles: adminOnly },
  'Mutation.createPartnerCompany': { roles: { [ADMIN]: ALL, [CAREER_AGENT]: ALL } },

  // Referral intake: any coaching staff member may process the queue.
  // A referral puts the person in the area's scope: only people the case manager already sees in
  // full (their area's) or new people (`input.newTrainee`) may be referred.
  'Mutation.receiveReferral': {
    roles: { [ADMIN]: ALL, [CASE_MANAGER]: SCOPED },
    subjects: [on('employmentArea', 'input.employmentAreaId'), on('trainee', 'input.traineeId', [FULL], optional)],
  },
  'Mutation.acceptReferral': { roles: coachingStaff, subjects: [on('referral', 'input.referralId', [FULL, ROSTER])] },
  'Mutation.rejectReferral': { roles: coachingStaff, subjects: [on('referral', 'input.referralId', [FULL, ROSTER])] },
  'Mutation.reopenReferral': { roles: coachingStaff, subjects: [on('referral', 'input.referralId', [FULL, ROSTER])] },
  'Mutation.createTrainee': { roles: { ...staffAndCaseManagers } },
  'Mutation.updateTrainee': { roles: { ...staffAndCaseManagers }, subjects: [on('trainee', 'input.traineeId')] },
  // Consent to show the competence profile to partners: the trainee's own coaching staff.
  'Mutation.giveProfileConsent': { roles: coachingStaff, subjects: [on('trainee', 'input.traineeId')] },
  'Mutation.withdrawProfileConsent': { roles: coachingStaff, subjects: [on('trainee', 'input.traineeId')] },

  // The coaching period: its own coach or career agent only, except daily attendance. Opening one
  // makes its coach and career agent see the person in full, so the opener must already see them
  // in full (a person in intake, or one they coached before); a returning person coached by
  // someone else is opened by ADMIN. Hand-overs come from ADMIN or the period's current staff.
  'Mutation.openCoachingPeriod': {
    roles: coachingStaff,
    // Only ADMIN may open a period without a referral.
    subjects: [on('referral', 'input.referralId', [FULL], { optional: [ADMIN] }), on('trainee', 'input.traineeId', [FULL], optional)],
  },
  'Mutation.assignCoach': { roles: coachingStaff, subjects: [on('period', 'input.periodId', [FULL], currentStaffOfPeriod)] },
  'Mutation.assignCareerAgent': { roles: coachingStaff, subjects: [on('period', 'input.periodId', [FULL], currentStaffOfPeriod)] },
  'Mutation.changePeriodPhase': { roles: coachingStaff, subjects: [on('period', 'input.periodId')] },
  'Mutation.updatePeriodSchedule': { roles: coachingStaff, subjects: [on('period', 'input.periodId')] },
  'Mutation.updateCheckPoint': { roles: coachingStaff, subjects: [on('checkPoint', 'input.checkPointId')] },
  'Mutation.createPlacement': { roles: coachingStaff, subjects: [on('period', 'input.periodId')] },
  'Mutation.updatePlacement': { roles: coachingStaff, subjects: [on('placement', 'input.placementId')] },
  'Mutation.endPlacement': { roles: coachingStaff, subjects: [on('placement', 'input.placementId')] },
  'Mutation.recordAttendance': { roles: coachingStaff, subjects: [on('period', 'input.entries.periodId', [FULL, ROSTER])] },
  'Mutation.addDiaryEntry': { roles: coachingStaff, subjects: [on('period', 'input.periodId')] },
  'Mutation.recordCapacityAssessment': { roles: coachingStaff, subjects: [on('period', 'input.periodId')] },
  'Mutation.recordCompetence': { roles: { [ADMIN]: ALL, [COACH]: SCOPED }, subjects: [on('period', 'input.periodId')] },
  'Mutation.markCompetenceDemonstrated': { roles: { [ADMIN]: ALL, [COACH]: SCOPED }, subjects: [on('competenceRecord', 'input.id')] },
  'Mutation.verifyCompetence': { roles: { [ADMIN]: ALL, [COACH]: SCOPED }, subjects: [on('competenceRecord', 'input.id')] },
  'Mutation.returnCompetenceToPractising': { roles: { [ADMIN]: ALL, [COACH]: SCOPED }, subjects: [on('competenceRecord', 'input.id')] },
  'Mutation.startFinalSummary': { roles: coachingStaff, subjects: [on('period', 'input.periodId')] },
  'Mutation.updateFinalSummary': { roles: coachingStaff, subjects: [on('finalSummary', 'input.id')] },
  'Mutation.finaliseFinalSummary': { roles: coachingStaff, subjects: [on('finalSummary', 'input.id')] },
  'Mutation.recordOutcome': { roles: coachingStaff, subjects: [on('period', 'input.periodId')] },
  // Work-trial agreements and the organiser's feedback: the period's own coach or career agent.
  'Mutation.recordWorkTrialAgreement': { roles: coachingStaff, subjects: [on('period', 'input.periodId')] },
  'Mutation.updateWorkTrialAgreement': { roles: coachingStaff, subjects: [on('workTrialAgreement', 'input.agreementId')] },
  'Mutation.signWorkTrialAgreement': { roles: coachingStaff, subjects: [on('workTrialAgreement', 'input.agreementId')] },
  'Mutation.recordWorkTrialFeedback': { roles: coachingStaff, subjects: [on('workTrialAgreement', 'input.agreementId')] },
  'Mutation.correctOutcome': { roles: coachingStaff, subjects: [on('outcome', 'input.id')] },
  'Mutation.createGroupSession': { roles: coachingStaff },
  'Mutation.addGroupSessionParticipants': { roles: coachingStaff },
  'Mutation.recordGroupSessionAttendance': { roles: coachingStaff },

  // Work orders: units request and give feedback; coaching staff accept, plan and staff them.
  'Mutation.requestWorkOrder': { roles: { [ADMIN]: ALL, [UNIT_LEAD]: SCOPED }, subjects: [on('workUnit', 'input.workUnitId', [FULL, UNIT])] },
  'Mutation.acceptWorkOrder': { roles: coachingStaff, subjects: [on('workOrder', 'input.id')] },
  'Mutation.declineWorkOrder': { roles: coachingStaff, subjects: [on('workOrder', 'input.id')] },
  'Mutation.scheduleWorkOrder': { roles: coachingStaff, subjects: [on('workOrder', 'input.id')] },
  'Mutation.startWorkOrder': { roles: coachingStaff, subjects: [on('workOrder', 'input.id')] },
  'Mutation.completeWorkOrder': { roles: coachingStaff, subjects: [on('workOrder', 'input.id')] },
  'Mutation.cancelWorkOrder': { roles: { ...coachingStaff, [UNIT_LEAD]: SCOPED }, subjects: [on('workOrder', 'input.id', [FULL, UNIT])] },
  'Mutation.giveWorkOrderFeedback': { roles: { [ADMIN]: ALL, [UNIT_LEAD]: SCOPED }, subjects: [on('workOrder', 'input.workOrderId', [FULL, UNIT])] },
  'Mutation.assignTrainee': { roles: coachingStaff, subjects: [on('trainee', 'input.traineeId', [FULL, ROSTER])] },
  'Mutation.unassignTrainee': { roles: coachingStaff, subjects: [on('trainee', 'input.traineeId', [FULL, ROSTER])] },
};

/** How to find the owner of a row of a personal type, and which views may read which fields. */
export interface TypeRule {
  /** `traineeId` etc. are read from the row; `period` means via `periodId`; `workOrder` via `workOrderId`. */
  owner: 'trainee' | 'traineeOfPeriod' | 'traineeInUnit' | 'assignment' | 'workOrder';
  /** Views that may read a field not listed in `fields`. */
  otherFields: View[];
  fields?: Record<string, View[]>;
}

const everyView = [FULL, ROSTER, UNIT];

export const typeRules: Record<string, TypeRule> = {
  Trainee: {
    owner: 'trainee',
    otherFields: [FULL],
    fields: {
      id: everyView,
      firstName: everyView,
      lastName: everyView,
      coach: [FULL, ROSTER],
      currentPeriod: [FULL, ROSTER],
      currentPlacement: [FULL, ROSTER],
      workOrderAssignments: [FULL, ROSTER, UNIT],
    },
  },
  CoachingPeriod: {
    owner: 'trainee',
    otherFields: [FULL],
    fields: {
      id: everyView,
      trainee: everyView,
      traineeId: everyView,
      daysPerWeek: everyView,
      hoursPerDay: everyView,
      phase: [FULL, ROSTER],
      serviceForm: [FULL, ROSTER],
      startDate: [FULL, ROSTER],
      plannedEndDate: [FULL, ROSTER],
      endDate: [FULL, ROSTER],
      coach: [FULL, ROSTER],
      coachId: [FULL, ROSTER],
      careerAgent: [FULL, ROSTER],
      careerAgentId: [FULL, ROSTER],
      placements: [FULL, ROSTER],
      attendance: [FULL, ROSTER],
    },
  },
  Placement: {
    owner: 'traineeInUnit',
    otherFields: [FULL, ROSTER],
    fields: {
      id: everyView,
      kind: everyView,
      startDate: everyView,
      endDate: everyView,
      trainee: everyView,
      traineeId: everyView,
      workUnit: everyView,
      workUnitId: everyView,
      supervisorName: everyView,
      notes: [FULL],
    },
  },
  AttendanceEntry: {
    owner: 'trainee',
    otherFields: everyView,
    // Whoever enters the morning's attendance for the group sees what was entered; unit leads do not.
    fields: { absenceReason: [FULL, ROSTER], note: [FULL, ROSTER] },
  },
  DiaryEntry: { owner: 'traineeOfPeriod', otherFields: [FULL] },
  CapacityAssessment: { owner: 'trainee', otherFields: [FULL] },
  CompetenceRecord: { owner: 'trainee', otherFields: [FULL] },
  FinalSummary: { owner: 'traineeOfPeriod', otherFields: [FULL] },
  CheckPoint: { owner: 'traineeOfPeriod', otherFields: [FULL] },
  Outcome: { owner: 'trainee', otherFields: [FULL] },
  WorkTrialAgreement: { owner: 'trainee', otherFields: [FULL] },
  WorkTrialFeedback: { owner: 'trainee', otherFields: [FULL] },
  ProfileConsent: { owner: 'trainee', otherFields: [FULL] },
  Referral: {
    owner: 'trainee',
    otherFields: [FULL, ROSTER],
    fields: { background: [FULL], rejectionReason: [FULL] },
  },
  GroupSessionParticipant: { owner: 'trainee', otherFields: [FULL, ROSTER] },
  WorkOrderAssignment: { owner: 'assignment', otherFields: everyView },
  WorkOrder: { owner: 'workOrder', otherFields: [FULL, UNIT] },
};

export function viewsForField(typeName: string, fieldName: string): View[] | undefined {
  const rule = typeRules[typeName];
  if (!rule) return undefined;
  return rule.fields?.[fieldName] ?? rule.otherFields;
}
