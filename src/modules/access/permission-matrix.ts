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
  /**
   * The trainee themselves (a TRAINEE user, strong identification): their own data, health and
   * capacity included (it is theirs), except what the matrix keeps staff-internal field by field
   * (each with its reason in `typeRules`). Never another person's row.
   */
  SELF = 'SELF',
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
  | 'partnerCompany'
  | 'staffMember'
  | 'task'
  | 'department'
  | 'groupSession'
  | 'indicator'
  | 'capacityInstrument'
  | 'capacityItem'
  | 'qualification'
  | 'qualificationUnit'
  | 'qualificationRequirement'
  | 'caseManager'
  | 'competenceProfile'
  | 'userRole'
  | 'organisation'
  | 'subsidyApplication'
  | 'subsidisedPosition'
  | 'integrationMessage';

/**
 * Rows of the organisation's catalogue and set-up (and national catalogues): every role working in
 * the organisation sees them in full; outside it they do not exist. Naming one in an argument only
 * needs it to be the caller's organisation's.
 */
export const catalogueKinds: ReadonlySet<SubjectKind> = new Set<SubjectKind>([
  'staffMember',
  'task',
  'department',
  'groupSession',
  'indicator',
  'capacityInstrument',
  'capacityItem',
  'qualification',
  'qualificationUnit',
  'qualificationRequirement',
  'caseManager',
  'competenceProfile',
  'subsidisedPosition',
  'integrationMessage',
]);

/** The only kinds the platform operator may name: organisations, the areas referring to them, and their ADMIN roles. */
export const platformKinds: ReadonlySet<SubjectKind> = new Set<SubjectKind>(['organisation', 'employmentArea', 'userRole']);

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
  /**
   * The object only has to be the caller's organisation's (a unit named as a place of work, a
   * unit looked up by id): every role that may call the operation sees it as a catalogue entry.
   */
  catalogue?: true;
  /**
   * The argument names something the operation refers to (a unit to place in, a requirement to
   * record against), not the object it acts on: an id the caller's organisation does not have is
   * bad input naming the argument, the same whether it exists elsewhere or nowhere.
   */
  reference?: true;
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
  /**
   * A write that cannot change who sees whom (it touches none of what the scopes are made of:
   * periods' staff, placements, work-order assignments, referrals, a trainee's area or
   * organisation, an intake team): its payload is read with the views decided before it, without
   * checking them again. Any other write re-decides them after it.
   */
  keepsScope?: true;
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
const { FULL, ROSTER, UNIT, SELF } = View;
/** The object's own staff (FULL) or the data subject themselves (SELF). */
const fullOrSelf = [FULL, SELF];
/** Staff grants plus the trainee for their own rows only. */
const andTrainee = <T extends Partial<Record<Role, Grant>>>(roles: T) => ({ ...roles, [TRAINEE]: SCOPED });

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
  extra: Pick<SubjectRule, 'holder' | 'optional' | 'catalogue' | 'reference'> = {},
): SubjectRule => ({
  kind,
  args: Array.isArray(args) ? args : [args],
  views,
  ...extra,
});
const optional = { optional: true } as const;
const inOrganisation = { catalogue: true } as const;
const optionalInOrganisation = { optional: true, catalogue: true } as const;
/** The row a user's role is made of, when an ADMIN links or changes one: each must be the organisation's. */
const roleScopeRowsOf = (): SubjectRule[] => [
  ref('staffMember', 'input.staffMemberId', optional),
  ref('workUnit', 'input.workUnitId', optional),
  ref('employmentArea', 'input.employmentAreaId', optional),
  ref('partnerCompany', 'input.partnerCompanyId', optional),
  on('trainee', 'input.traineeId', [FULL], optional),
];

/**
 * An id of the organisation's catalogue or set-up (staff, tasks, units, …), which every role
 * working in it sees, named as a reference in the input: outside the organisation it is bad input.
 */
const ref = (kind: SubjectKind, args: string | string[], extra: Pick<SubjectRule, 'optional'> = {}) =>
  on(kind, args, [FULL], { ...extra, catalogue: true, reference: true });
/** The catalogue or set-up object the operation acts on: outside the organisation it is NOT_FOUND. */
const own = (kind: SubjectKind, args: string | string[]) => on(kind, args, [FULL], { catalogue: true });
const currentStaffOfPeriod = { holder: 'currentStaffOfPeriod' } as const;

const roleScopeRows = roleScopeRowsOf();

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
  'Mutation.createOrganisation': { roles: platformOperator, subjects: [on('employmentArea', 'input.employmentAreaIds', [FULL], optional)] },
  'Mutation.linkEmploymentArea': {
    roles: platformOperator,
    subjects: [on('employmentArea', 'input.employmentAreaId'), on('organisation', 'input.organisationId')],
  },
  'Mutation.updateOrganisationSettings': { roles: adminOnly, subjects: [ref('staffMember', 'input.intakeStaffIds', optional)] },

  // Users: an ADMIN links identities to roles of their organisation, changes and deactivates
  // them; the platform operator gives an organisation its ADMIN (and can take it away).
  'Query.userRoles': { roles: adminOnly },
  'Query.userChanges': { roles: adminOnly },
  // The data-protection officer's access review: who can see what (counts of trainees only).
  'Query.accessReview': { roles: adminOnly },
  'Mutation.linkUser': {
    roles: { [ADMIN]: ALL, [PLATFORM_OPERATOR]: ALL },
    subjects: [on('organisation', 'input.organisationId', [FULL], optional), ...roleScopeRows],
  },
  'Mutation.changeUserRole': { roles: adminOnly, subjects: [on('userRole', 'input.userRoleId'), ...roleScopeRows] },
  'Mutation.deactivateUser': { roles: { [ADMIN]: ALL, [PLATFORM_OPERATOR]: ALL }, subjects: [on('userRole', 'input.userRoleId')] },
  'Mutation.reactivateUser': { roles: { [ADMIN]: ALL, [PLATFORM_OPERATOR]: ALL }, subjects: [on('userRole', 'input.userRoleId')] },

  'Query.tasks': { roles: everyone() },
  'Query.task': { roles: everyone(), subjects: [own('task', 'id')] },
  'Query.qualifications': { roles: everyone() },
  'Query.qualification': { roles: everyone(), subjects: [own('qualification', 'id')] },
  'Query.departments': { roles: everyone() },
  'Query.workUnits': { roles: everyone(), subjects: [ref('department', 'departmentId', optional)] },
  'Query.workUnit': { roles: everyone(), subjects: [own('workUnit', 'id')] },
  // The meters are a catalogue: a trainee reads them to answer a self-assessment form.
  'Query.capacityInstruments': { roles: { ...staffAndCaseManagers, [TRAINEE]: ALL } },
  'Query.capacityInstrument': { roles: { ...staffAndCaseManagers, [TRAINEE]: ALL }, subjects: [own('capacityInstrument', 'id')] },
  'Query.employmentAreas': { roles: { ...staffAndCaseManagers } },
  'Query.caseManagers': { roles: { ...staffAndCaseManagers }, subjects: [on('employmentArea', 'employmentAreaId', [FULL], inOrganisation)] },
  'Query.staffMembers': { roles: { ...staffAndCaseManagers, [UNIT_LEAD]: ALL } },
  'Query.staffMember': { roles: { ...staffAndCaseManagers, [UNIT_LEAD]: ALL }, subjects: [own('staffMember', 'id')] },
  'Query.partnerCompanies': { roles: { ...coachingStaff } },
  'Query.partnerCompany': { roles: { ...coachingStaff, [PARTNER]: SCOPED }, subjects: [on('partnerCompany', 'id', [FULL])] },

  // Trainees and their coaching.
  'Query.trainees': { roles: { ...coachingStaff, [CASE_MANAGER]: SCOPED, [UNIT_LEAD]: SCOPED } },
  'Query.trainee': { roles: andTrainee({ ...coachingStaff, [CASE_MANAGER]: SCOPED, [UNIT_LEAD]: SCOPED }) },
  'Query.traineeByIdentityCode': { roles: { ...coachingStaff, [CASE_MANAGER]: SCOPED } },
  'Query.referrals': { roles: { ...coachingStaff, [CASE_MANAGER]: SCOPED } },
  'Query.referral': { roles: { ...coachingStaff, [CASE_MANAGER]: SCOPED } },
  'Query.coachingPeriods': { roles: andTrainee({ ...coachingStaff, [CASE_MANAGER]: SCOPED }) },
  'Query.coachingPeriod': { roles: andTrainee({ ...coachingStaff, [CASE_MANAGER]: SCOPED }) },
  'Query.placements': { roles: andTrainee({ ...coachingStaff, [CASE_MANAGER]: SCOPED, [UNIT_LEAD]: SCOPED }) },
  'Query.placement': { roles: andTrainee({ ...coachingStaff, [CASE_MANAGER]: SCOPED, [UNIT_LEAD]: SCOPED }) },
  'Query.attendance': {
    roles: andTrainee({ ...staffAndCaseManagers, [UNIT_LEAD]: SCOPED }),
    subjects: [on('period', 'periodId', [FULL, ROSTER, UNIT, SELF])],
  },
  'Query.attendanceSummary': {
    roles: andTrainee({ ...staffAndCaseManagers, [UNIT_LEAD]: SCOPED }),
    subjects: [on('period', 'periodId', [FULL, ROSTER, UNIT, SELF])],
  },
  // The trainee reads the coach's daily log about them too: it is documentation of their coaching,
  // which the client-data act lets a client see; only writing daily logs stays with the staff.
  'Query.diaryEntries': { roles: andTrainee({ ...coachingStaff }), subjects: [on('period', 'periodId', fullOrSelf)] },
  // Health data: the trainee's own (their own self-assessments beside the staff's assessments).
  'Query.capacityAssessments': { roles: andTrainee({ ...staffAndCaseManagers }), subjects: [on('period', 'periodId', fullOrSelf)] },
  'Query.capacityAssessment': { roles: andTrainee({ ...staffAndCaseManagers }), subjects: [on('capacityAssessment', 'id', fullOrSelf)] },
  'Query.capacityChange': {
    roles: andTrainee({ ...staffAndCaseManagers }),
    subjects: [on('capacityAssessment', ['fromAssessmentId', 'toAssessmentId'], fullOrSelf)],
  },
  'Query.competenceRecords': { roles: { [ADMIN]: ALL, [COACH]: SCOPED, [CAREER_AGENT]: SCOPED, [CASE_MANAGER]: SCOPED, [TRAINEE]: SCOPED } },
  'Query.competenceRecord': {
    roles: { [ADMIN]: ALL, [COACH]: SCOPED, [CAREER_AGENT]: SCOPED, [CASE_MANAGER]: SCOPED, [TRAINEE]: SCOPED },
    subjects: [on('competenceRecord', 'id', fullOrSelf)],
  },
  'Query.finalSummary': { roles: andTrainee({ ...staffAndCaseManagers }), subjects: [on('period', 'periodId', fullOrSelf)] },
  // The written work-trial agreement: whoever reads the period in FULL (the employment area's case
  // manager is a party to it).
  // The participant is a party to the agreement and signs it.
  'Query.workTrialAgreements': { roles: andTrainee({ ...coachingStaff, [CASE_MANAGER]: SCOPED }), subjects: [on('period', 'periodId', fullOrSelf)] },
  'Query.outcomes': { roles: andTrainee({ ...staffAndCaseManagers }), subjects: [on('period', 'periodId', fullOrSelf)] },
  'Query.followUpsDue': { roles: { [ADMIN]: ALL, [COACH]: SCOPED, [CAREER_AGENT]: SCOPED } },
  'Query.groupSessions': { roles: { ...coachingStaff } },
  'Query.groupSession': { roles: { ...coachingStaff }, subjects: [own('groupSession', 'id')] },
  'Query.workOrders': { roles: { ...coachingStaff, [UNIT_LEAD]: SCOPED } },
  'Query.workOrder': { roles: { ...coachingStaff, [UNIT_LEAD]: SCOPED }, subjects: [on('workOrder', 'id', [FULL, UNIT])] },

  // The data subject's right of access: everything about one person, so ADMIN only.
  'Query.traineeDataExport': { roles: adminOnly, subjects: [on('trainee', 'traineeId')] },

  // "Tested workforce": partners see only the competence profiles consented to all partners or to
  // their own company (SCOPED, in CompetenceProfileService); the profile type has no path to Trainee.
  'Query.competenceProfiles': { roles: { [ADMIN]: ALL, [PARTNER]: SCOPED } },
  'Query.competenceProfile': { roles: { [ADMIN]: ALL, [PARTNER]: SCOPED }, subjects: [own('competenceProfile', 'id')] },

  // Wage subsidy: the person's own coaching staff draft, submit and withdraw applications; the case
  // manager of their area reads them (the employment area decides them); the trainee reads their own.
  // Positions are the organisation's: unit leads announce them for their own unit.
  'Query.subsidyApplications': { roles: andTrainee({ ...coachingStaff, [COACH]: SCOPED, [CAREER_AGENT]: SCOPED, [CASE_MANAGER]: SCOPED }) },
  'Query.subsidyApplication': {
    roles: andTrainee({ ...coachingStaff, [CASE_MANAGER]: SCOPED }),
    subjects: [on('subsidyApplication', 'id', fullOrSelf)],
  },
  'Query.subsidisedPositions': { roles: { ...coachingStaff, [CASE_MANAGER]: ALL, [UNIT_LEAD]: ALL } },
  'Mutation.announceSubsidisedPosition': {
    roles: { [ADMIN]: ALL, [UNIT_LEAD]: SCOPED },
    subjects: [on('workUnit', 'input.workUnitId', [FULL, UNIT])],
  },
  'Mutation.draftSubsidyApplication': {
    roles: coachingStaff,
    subjects: [
      on('period', 'input.periodId'),
      ref('workUnit', 'input.workUnitId', optional),
      ref('partnerCompany', 'input.partnerCompanyId', optional),
      ref('subsidisedPosition', 'input.positionId', optional),
    ],
    keepsScope: true,
  },
  'Mutation.submitSubsidyApplication': { roles: coachingStaff, subjects: [on('subsidyApplication', 'input.applicationId')], keepsScope: true },
  'Mutation.withdrawSubsidyApplication': { roles: coachingStaff, subjects: [on('subsidyApplication', 'input.applicationId')], keepsScope: true },

  // Integration status: which outgoing messages wait or failed, and sending a failed one again.
  'Query.integrationMessages': { roles: adminOnly },
  'Query.integrationSummary': { roles: adminOnly },
  'Mutation.retryIntegrationMessage': { roles: adminOnly, subjects: [own('integrationMessage', 'input.messageId')], keepsScope: true },

  // "Who has processed my data": the access log, by trainee or by user.
  'Query.accessLog': { roles: adminOnly },

  // Self-service of the trainee (strong identification): their own record, who processed it, and
  // what they may do themselves. The arguments name no trainee: the token does.
  'Query.myself': { roles: { [TRAINEE]: SCOPED } },
  'Query.myAccessLog': { roles: { [TRAINEE]: SCOPED } },

  // Aggregates.
  'Query.outcomeStatistics': { roles: { ...staffAndCaseManagers, [ANALYST]: ALL } },
  'Query.indicators': { roles: { ...staffAndCaseManagers, [ANALYST]: ALL } },
  'Query.indicator': { roles: { ...staffAndCaseManagers, [ANALYST]: ALL }, subjects: [own('indicator', 'id')] },

  // Administration of the organisation and catalogues.
  'Mutation.createDepartment': { roles: adminOnly },
  'Mutation.createWorkUnit': { roles: adminOnly, subjects: [ref('department', 'input.departmentId')] },
  'Mutation.createEmploymentArea': { roles: { [ADMIN]: ALL, [PLATFORM_OPERATOR]: ALL } },
  'Mutation.createCaseManager': { roles: adminOnly, subjects: [on('employmentArea', 'input.employmentAreaId')] },
  'Mutation.createStaffMember': { roles: adminOnly },
  'Mutation.updateStaffCaseload': { roles: adminOnly, subjects: [own('staffMember', 'input.staffId')] },
  'Mutation.createTask': { roles: adminOnly, subjects: [ref('qualificationUnit', 'input.qualificationUnitIds', optional)] },
  'Mutation.updateTask': { roles: adminOnly, subjects: [own('task', 'input.id'), ref('qualificationUnit', 'input.qualificationUnitIds', optional)] },
  'Mutation.createCapacityInstrument': { roles: adminOnly },
  'Mutation.importQualification': { roles: adminOnly },
  'Mutation.createIndicator': { roles: adminOnly },
  'Mutation.setIndicatorTarget': { roles: adminOnly, subjects: [own('indicator', 'input.indicatorId')] },
  'Mutation.recordIndicatorMeasurement': { roles: adminOnly, subjects: [own('indicator', 'input.indicatorId')] },
  'Mutation.createPartnerCompany': { roles: { [ADMIN]: ALL, [CAREER_AGENT]: ALL } },

  // Referral intake: any coaching staff member may process the queue.
  // A referral puts the person in the area's scope: only people the case manager already sees in
  // full (their area's) or new people (`input.newTrainee`) may be referred.
  'Mutation.receiveReferral': {
    roles: { [ADMIN]: ALL, [CASE_MANAGER]: SCOPED },
    subjects: [
      on('employmentArea', 'input.employmentAreaId'),
      on('trainee', 'input.traineeId', [FULL], optional),
      ref('caseManager', 'input.caseManagerId', optional),
      on('employmentArea', 'input.newTrainee.employmentAreaId', [FULL], optionalInOrganisation),
    ],
  },
  'Mutation.acceptReferral': { roles: coachingStaff, subjects: [on('referral', 'input.referralId', [FULL, ROSTER])] },
  'Mutation.rejectReferral': { roles: coachingStaff, subjects: [on('referral', 'input.referralId', [FULL, ROSTER])] },
  'Mutation.reopenReferral': { roles: coachingStaff, subjects: [on('referral', 'input.referralId', [FULL, ROSTER])] },
  'Mutation.createTrainee': {
    roles: { ...staffAndCaseManagers },
    subjects: [on('employmentArea', 'input.employmentAreaId', [FULL], optionalInOrganisation)],
  },
  'Mutation.updateTrainee': { roles: { ...staffAndCaseManagers }, subjects: [on('trainee', 'input.traineeId')] },
  // Consent to show the competence profile to partners: the trainee themselves, or their own
  // coaching staff recording a consent given on paper. Withdrawing takes the same input as giving.
  'Mutation.giveProfileConsent': {
    roles: andTrainee(coachingStaff),
    subjects: [on('trainee', 'input.traineeId', fullOrSelf), ref('partnerCompany', 'input.partnerCompanyId', optional)],
    keepsScope: true,
  },
  'Mutation.withdrawProfileConsent': {
    roles: andTrainee(coachingStaff),
    subjects: [on('trainee', 'input.traineeId', fullOrSelf), ref('partnerCompany', 'input.partnerCompanyId', optional)],
    keepsScope: true,
  },

  // The coaching period: its own coach or career agent only, except daily attendance. Opening one
  // makes its coach and career agent see the person in full, so the opener must already see them
  // in full (a person in intake, or one they coached before); a returning person coached by
  // someone else is opened by ADMIN. Hand-overs come from ADMIN or the period's current staff.
  'Mutation.openCoachingPeriod': {
    roles: coachingStaff,
    // Only ADMIN may open a period without a referral.
    subjects: [
      on('referral', 'input.referralId', [FULL], { optional: [ADMIN] }),
      on('trainee', 'input.traineeId', [FULL], optional),
      ref('staffMember', ['input.coachId', 'input.careerAgentId'], optional),
    ],
  },
  'Mutation.assignCoach': {
    roles: coachingStaff,
    subjects: [on('period', 'input.periodId', [FULL], currentStaffOfPeriod), ref('staffMember', 'input.coachId')],
  },
  'Mutation.assignCareerAgent': {
    roles: coachingStaff,
    subjects: [on('period', 'input.periodId', [FULL], currentStaffOfPeriod), ref('staffMember', 'input.careerAgentId')],
  },
  'Mutation.changePeriodPhase': { roles: coachingStaff, subjects: [on('period', 'input.periodId')] },
  'Mutation.updatePeriodSchedule': { roles: coachingStaff, subjects: [on('period', 'input.periodId')] },
  'Mutation.updateCheckPoint': { roles: coachingStaff, subjects: [on('checkPoint', 'input.checkPointId')], keepsScope: true },
  'Mutation.createPlacement': {
    roles: coachingStaff,
    subjects: [
      on('period', 'input.periodId'),
      ref('workUnit', 'input.workUnitId', optional),
      ref('partnerCompany', 'input.partnerCompanyId', optional),
      // The application must be one the caller sees in full (the service checks it is this trainee's, with this employer).
      on('subsidyApplication', 'input.subsidyApplicationId', [FULL], { optional: true, reference: true }),
    ],
  },
  'Mutation.updatePlacement': { roles: coachingStaff, subjects: [on('placement', 'input.placementId')] },
  'Mutation.endPlacement': { roles: coachingStaff, subjects: [on('placement', 'input.placementId')] },
  'Mutation.recordAttendance': { roles: coachingStaff, subjects: [on('period', 'input.entries.periodId', [FULL, ROSTER])], keepsScope: true },
  // A trainee writes their own learning diary on their current period (the service refuses other
  // kinds and earlier periods); a work order is the staff's to name (the trainee sees none).
  'Mutation.addDiaryEntry': {
    roles: andTrainee(coachingStaff),
    subjects: [on('period', 'input.periodId', fullOrSelf), on('workOrder', 'input.workOrderId', [FULL], { optional: true, reference: true })],
    keepsScope: true,
  },
  'Mutation.recordCapacityAssessment': {
    roles: coachingStaff,
    subjects: [on('period', 'input.periodId'), ref('capacityInstrument', 'input.instrumentId'), ref('capacityItem', 'input.scores.itemId')],
    keepsScope: true,
  },
  // The trainee's answer to a meter's self-assessment form (Kykyviisari), on their current period.
  'Mutation.recordSelfAssessment': {
    roles: { [TRAINEE]: SCOPED },
    subjects: [on('period', 'input.periodId', [SELF]), ref('capacityInstrument', 'input.instrumentId'), ref('capacityItem', 'input.scores.itemId')],
    keepsScope: true,
  },
  'Mutation.recordCompetence': {
    roles: { [ADMIN]: ALL, [COACH]: SCOPED },
    subjects: [
      on('period', 'input.periodId'),
      on('trainee', 'input.traineeId', [FULL], optional),
      ref('qualificationRequirement', 'input.requirementId'),
      ref('task', 'input.taskId', optional),
      on('workOrder', 'input.workOrderId', [FULL], optional),
    ],
    keepsScope: true,
  },
  'Mutation.markCompetenceDemonstrated': {
    roles: { [ADMIN]: ALL, [COACH]: SCOPED },
    subjects: [on('competenceRecord', 'input.id')],
    keepsScope: true,
  },
  'Mutation.verifyCompetence': { roles: { [ADMIN]: ALL, [COACH]: SCOPED }, subjects: [on('competenceRecord', 'input.id')], keepsScope: true },
  'Mutation.returnCompetenceToPractising': {
    roles: { [ADMIN]: ALL, [COACH]: SCOPED },
    subjects: [on('competenceRecord', 'input.id')],
    keepsScope: true,
  },
  'Mutation.startFinalSummary': { roles: coachingStaff, subjects: [on('period', 'input.periodId')], keepsScope: true },
  'Mutation.updateFinalSummary': { roles: coachingStaff, subjects: [on('finalSummary', 'input.id')], keepsScope: true },
  'Mutation.finaliseFinalSummary': { roles: coachingStaff, subjects: [on('finalSummary', 'input.id')], keepsScope: true },
  'Mutation.recordOutcome': { roles: coachingStaff, subjects: [on('period', 'input.periodId')], keepsScope: true },
  // Work-trial agreements and the organiser's feedback: the period's own coach or career agent.
  'Mutation.recordWorkTrialAgreement': {
    roles: coachingStaff,
    subjects: [
      on('period', 'input.periodId'),
      on('placement', 'input.placementId', [FULL], optional),
      on('employmentArea', 'input.employmentAreaId', [FULL], optionalInOrganisation),
      ref('caseManager', 'input.signatures.caseManagerId', optional),
    ],
  },
  'Mutation.updateWorkTrialAgreement': { roles: coachingStaff, subjects: [on('workTrialAgreement', 'input.agreementId')] },
  'Mutation.signWorkTrialAgreement': {
    roles: coachingStaff,
    subjects: [on('workTrialAgreement', 'input.agreementId'), ref('caseManager', 'input.signature.caseManagerId', optional)],
  },
  'Mutation.recordWorkTrialFeedback': { roles: coachingStaff, subjects: [on('workTrialAgreement', 'input.agreementId')], keepsScope: true },
  'Mutation.correctOutcome': { roles: coachingStaff, subjects: [on('outcome', 'input.id')], keepsScope: true },
  'Mutation.createGroupSession': { roles: coachingStaff },
  // Any coaching staff member may run a session of their organisation with anyone of its roster.
  'Mutation.addGroupSessionParticipants': {
    roles: coachingStaff,
    subjects: [own('groupSession', 'input.sessionId'), on('trainee', 'input.traineeIds', [FULL, ROSTER], { reference: true })],
  },
  'Mutation.recordGroupSessionAttendance': {
    roles: coachingStaff,
    subjects: [own('groupSession', 'input.sessionId'), on('trainee', 'input.entries.traineeId', [FULL, ROSTER], { reference: true })],
    keepsScope: true,
  },

  // Work orders: units request and give feedback; coaching staff accept, plan and staff them.
  'Mutation.requestWorkOrder': {
    roles: { [ADMIN]: ALL, [UNIT_LEAD]: SCOPED },
    subjects: [on('workUnit', 'input.workUnitId', [FULL, UNIT]), ref('task', 'input.taskId')],
  },
  'Mutation.acceptWorkOrder': { roles: coachingStaff, subjects: [on('workOrder', 'input.id')] },
  'Mutation.declineWorkOrder': { roles: coachingStaff, subjects: [on('workOrder', 'input.id')] },
  'Mutation.scheduleWorkOrder': { roles: coachingStaff, subjects: [on('workOrder', 'input.id')] },
  'Mutation.startWorkOrder': { roles: coachingStaff, subjects: [on('workOrder', 'input.id')] },
  'Mutation.completeWorkOrder': { roles: coachingStaff, subjects: [on('workOrder', 'input.id')] },
  'Mutation.cancelWorkOrder': { roles: { ...coachingStaff, [UNIT_LEAD]: SCOPED }, subjects: [on('workOrder', 'input.id', [FULL, UNIT])] },
  'Mutation.giveWorkOrderFeedback': { roles: { [ADMIN]: ALL, [UNIT_LEAD]: SCOPED }, subjects: [on('workOrder', 'input.workOrderId', [FULL, UNIT])] },
  'Mutation.assignTrainee': {
    roles: coachingStaff,
    subjects: [on('trainee', 'input.traineeId', [FULL, ROSTER]), on('workOrder', 'input.workOrderId')],
  },
  'Mutation.unassignTrainee': {
    roles: coachingStaff,
    subjects: [on('trainee', 'input.traineeId', [FULL, ROSTER]), on('workOrder', 'input.workOrderId')],
  },
};

/** How to find the owner of a row of a personal type, and which views may read which fields. */
export interface TypeRule {
  /** `traineeId` etc. are read from the row; `period` means via `periodId`; `workOrder` via `workOrderId`. */
  owner: 'trainee' | 'traineeOfPeriod' | 'traineeInUnit' | 'assignment' | 'workOrder';
  /** Views that may read a field not listed in `fields`. */
  otherFields: View[];
  fields?: Record<string, View[]>;
}

const everyView = [FULL, ROSTER, UNIT, SELF];

/**
 * The trainee's own view (SELF) reads what FULL reads, with these exceptions, each staff-internal
 * for a reason. The trainee still gets them through the right of access (`traineeDataExport`, by
 * ADMIN), where a person checks third-party information before disclosure (client-data act
 * 703/2023, GDPR art. 15(4)); self-service hands out only what needs no such check.
 */
export const staffInternalFields: Record<string, Record<string, string>> = {
  Referral: {
    background:
      "the employment area's referral text: written from its own client record, it may hold other authorities' and third parties' information",
  },
  Placement: {
    notes: "staff's working notes with the host unit or company, which may record the host's remarks about other people",
  },
  CoachingPeriod: {
    caseloadOverrideReason: "why a coach took a trainee over their caseload limit: about the staff member's workload, not the trainee",
  },
};

export const typeRules: Record<string, TypeRule> = {
  Trainee: {
    owner: 'trainee',
    otherFields: fullOrSelf,
    fields: {
      id: everyView,
      firstName: everyView,
      lastName: everyView,
      coach: [FULL, ROSTER, SELF],
      currentPeriod: [FULL, ROSTER, SELF],
      currentPlacement: [FULL, ROSTER, SELF],
      workOrderAssignments: everyView,
    },
  },
  CoachingPeriod: {
    owner: 'trainee',
    otherFields: fullOrSelf,
    fields: {
      id: everyView,
      trainee: everyView,
      traineeId: everyView,
      daysPerWeek: everyView,
      hoursPerDay: everyView,
      phase: [FULL, ROSTER, SELF],
      serviceForm: [FULL, ROSTER, SELF],
      startDate: [FULL, ROSTER, SELF],
      plannedEndDate: [FULL, ROSTER, SELF],
      endDate: [FULL, ROSTER, SELF],
      coach: [FULL, ROSTER, SELF],
      coachId: [FULL, ROSTER, SELF],
      careerAgent: [FULL, ROSTER, SELF],
      careerAgentId: [FULL, ROSTER, SELF],
      placements: [FULL, ROSTER, SELF],
      attendance: [FULL, ROSTER, SELF],
      caseloadOverrideReason: [FULL],
    },
  },
  Placement: {
    owner: 'traineeInUnit',
    otherFields: [FULL, ROSTER, SELF],
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
    // The trainee sees their own absence reasons and notes: they are about their own days.
    fields: { absenceReason: [FULL, ROSTER, SELF], note: [FULL, ROSTER, SELF] },
  },
  DiaryEntry: { owner: 'traineeOfPeriod', otherFields: fullOrSelf },
  // Their own health and capacity data: theirs to read.
  CapacityAssessment: { owner: 'trainee', otherFields: fullOrSelf },
  CompetenceRecord: { owner: 'trainee', otherFields: fullOrSelf },
  FinalSummary: { owner: 'traineeOfPeriod', otherFields: fullOrSelf },
  CheckPoint: { owner: 'traineeOfPeriod', otherFields: fullOrSelf },
  Outcome: { owner: 'trainee', otherFields: fullOrSelf },
  WorkTrialAgreement: { owner: 'trainee', otherFields: fullOrSelf },
  WorkTrialFeedback: { owner: 'trainee', otherFields: fullOrSelf },
  ProfileConsent: { owner: 'trainee', otherFields: fullOrSelf },
  Referral: {
    owner: 'trainee',
    otherFields: [FULL, ROSTER, SELF],
    fields: { background: [FULL], rejectionReason: [FULL, SELF] },
  },
  GroupSessionParticipant: { owner: 'trainee', otherFields: [FULL, ROSTER, SELF] },
  SubsidyApplication: { owner: 'trainee', otherFields: fullOrSelf },
  SubsidyDecision: { owner: 'trainee', otherFields: fullOrSelf },
  WorkOrderAssignment: { owner: 'assignment', otherFields: everyView },
  WorkOrder: { owner: 'workOrder', otherFields: [FULL, UNIT] },
};

export function viewsForField(typeName: string, fieldName: string): View[] | undefined {
  const rule = typeRules[typeName];
  if (!rule) return undefined;
  return rule.fields?.[fieldName] ?? rule.otherFields;
}
