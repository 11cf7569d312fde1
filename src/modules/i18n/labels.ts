import { Role } from '../../platform/auth/actor';
import { DiaryEntryKind } from '../attendance/attendance.entities';
import { AbsenceReason, AttendanceStatus } from '../attendance/expense-allowance';
import { ParticipationBasis, PeriodPhase, ServiceForm } from '../coaching-period/period-phase';
import { CompetenceState } from '../competence/competence-state';
import { ConsentScope } from '../consent/consent-scope';
import { FinalSummaryState } from '../final-summary/final-summary-state';
import { GroupSessionTopic } from '../group-session/group-session.entities';
import { IndicatorUnit } from '../indicator/indicator.entities';
import { IntegrationSystem, OutboxStatus } from '../integration/integration.entities';
import { OrganisationKind } from '../organisation/organisation.entities';
import { OutcomeCheckpoint, OutcomeType, StatisticsScope } from '../outcome/outcome';
import { PlacementKind } from '../placement/placement-rules';
import { ReferralState } from '../referral/referral-state';
import { localized as l, LocalizedText } from '../shared/localized-text';
import type { OccupancyStatus } from '../staff/caseload';
import { StaffRole } from '../staff/staff.entity';
import { ProtectiveGear, WorkField } from '../task-catalogue/task.entity';
import { CefrLevel } from '../trainee/trainee.entity';
import { RoleSource, UserChangeKind } from '../user/user.entities';
import { DecisionOutcome, PositionState, SubsidyApplicationState } from '../wage-subsidy/subsidy-rules';
import { WorkOrderState } from '../work-order/work-order-state';
import { PeriodWarningCode, WorkTrialOrganiserKind, WorkTrialParty } from '../work-trial/work-trial-rules';

/**
 * Human-readable labels of every GraphQL enum in Finnish, Swedish and English, keyed by the
 * enum's GraphQL name. Typing each table by its TypeScript enum makes a missing value a compile
 * error; `labels.spec.ts` walks the built schema so an enum added later without labels fails too.
 */
type Labels<E extends string> = Readonly<Record<E, LocalizedText>>;

const periodPhase: Labels<PeriodPhase> = {
  INITIAL_MAPPING: l('Alkukartoitus', 'Inledande kartläggning', 'Initial mapping'),
  PRE_COACHING: l('Esivalmennus', 'Förberedande coachning', 'Pre-coaching'),
  COACHING: l('Valmennus', 'Coachning', 'Coaching'),
  CHECK_POINT: l('Check Point', 'Check Point', 'Check point'),
  ENDED: l('Päättynyt', 'Avslutad', 'Ended'),
  FOLLOW_UP: l('Seuranta', 'Uppföljning', 'Follow-up'),
};

const serviceForm: Labels<ServiceForm> = {
  TOWARDS_WORK_AND_EDUCATION: l('Kohti työtä ja koulutusta', 'Mot arbete och utbildning', 'Towards work and education'),
  ASSESSMENT: l('Selvityspalvelu', 'Utredningstjänst', 'Assessment service'),
  IMMIGRANT_COACHING: l('Maahanmuuttajavalmennus', 'Coachning för invandrare', 'Immigrant coaching'),
  COACHING_EMPLOYMENT: l('Valmentava työsuhde', 'Coachande anställning', 'Coaching employment relationship'),
};

const participationBasis: Labels<ParticipationBasis> = {
  WORK_TRIAL: l('Työkokeilu', 'Arbetsprövning', 'Work trial'),
  EMPLOYMENT: l('Työsuhde', 'Anställning', 'Employment relationship'),
  REHABILITATIVE_WORK: l('Kuntouttava työtoiminta', 'Arbetsverksamhet i rehabiliteringssyfte', 'Rehabilitative work activity'),
  CAREER_COACHING: l('Uravalmennus', 'Karriärcoachning', 'Career coaching'),
};

const referralState: Labels<ReferralState> = {
  RECEIVED: l('Vastaanotettu', 'Mottagen', 'Received'),
  ACCEPTED: l('Hyväksytty', 'Godkänd', 'Accepted'),
  REJECTED: l('Hylätty', 'Avslagen', 'Rejected'),
  CLOSED: l('Suljettu', 'Avslutad', 'Closed'),
};

const workOrderState: Labels<WorkOrderState> = {
  REQUESTED: l('Tilattu', 'Beställd', 'Requested'),
  ACCEPTED: l('Hyväksytty', 'Godkänd', 'Accepted'),
  DECLINED: l('Hylätty', 'Avböjd', 'Declined'),
  SCHEDULED: l('Aikataulutettu', 'Schemalagd', 'Scheduled'),
  IN_PROGRESS: l('Käynnissä', 'Pågår', 'In progress'),
  COMPLETED: l('Valmis', 'Slutförd', 'Completed'),
  CANCELLED: l('Peruttu', 'Inställd', 'Cancelled'),
};

const workField: Labels<WorkField> = {
  GROUNDS_AND_PROPERTY_CARE: l('Kiinteistö- ja viheralueiden hoito', 'Fastighets- och grönområdesskötsel', 'Grounds and property care'),
  CLEANING: l('Siivous', 'Städning', 'Cleaning'),
  FOOD_SERVICES: l('Ruokapalvelut', 'Kosttjänster', 'Food services'),
  CLEARING_AND_MOVING: l('Tyhjennys- ja muuttotyöt', 'Tömnings- och flyttarbeten', 'Clearing and moving'),
  MACHINE_MAINTENANCE: l('Kone- ja laitehuolto', 'Maskin- och apparatservice', 'Machine and equipment maintenance'),
  RECYCLING: l('Kierrätys ja kiertotalous', 'Återvinning och cirkulär ekonomi', 'Recycling and circular economy'),
  SCHOOL_AND_EARLY_EDUCATION_ASSISTANCE: l(
    'Avustaminen kouluissa ja varhaiskasvatuksessa',
    'Assistans i skolor och småbarnspedagogik',
    'Assisting in schools and early education',
  ),
  OFFICE_WORK: l('Toimistotyö', 'Kontorsarbete', 'Office work'),
};

const protectiveGear: Labels<ProtectiveGear> = {
  SAFETY_SHOES: l('Turvakengät', 'Skyddsskor', 'Safety shoes'),
  WORK_CLOTHES: l('Työvaatteet', 'Arbetskläder', 'Work clothes'),
  GLOVES: l('Suojakäsineet', 'Skyddshandskar', 'Gloves'),
  HEARING_PROTECTION: l('Kuulosuojaimet', 'Hörselskydd', 'Hearing protection'),
  SAFETY_GLASSES: l('Suojalasit', 'Skyddsglasögon', 'Safety glasses'),
  HIGH_VISIBILITY_VEST: l('Huomioliivi', 'Varselväst', 'High-visibility vest'),
  HELMET: l('Suojakypärä', 'Skyddshjälm', 'Helmet'),
  RESPIRATOR: l('Hengityksensuojain', 'Andningsskydd', 'Respirator'),
};

const placementKind: Labels<PlacementKind> = {
  WORK_TRIAL: l('Työkokeilu', 'Arbetsprövning', 'Work trial'),
  ON_THE_JOB_COACHING: l('Työpaikkavalmennus', 'Coachning på arbetsplatsen', 'On-the-job coaching'),
  PRE_COACHING: l('Esivalmennus', 'Förberedande coachning', 'Pre-coaching'),
  EMPLOYMENT: l('Työsuhde', 'Anställning', 'Employment'),
};

const attendanceStatus: Labels<AttendanceStatus> = {
  PRESENT: l('Paikalla', 'Närvarande', 'Present'),
  ABSENT: l('Poissa', 'Frånvarande', 'Absent'),
};

const absenceReason: Labels<AbsenceReason> = {
  ILLNESS: l('Sairaus', 'Sjukdom', 'Illness'),
  CHILD_ILLNESS: l('Lapsen sairaus', 'Barns sjukdom', "Child's illness"),
  AUTHORISED: l('Luvallinen poissaolo', 'Beviljad frånvaro', 'Authorised absence'),
  UNAUTHORISED: l('Luvaton poissaolo', 'Olovlig frånvaro', 'Unauthorised absence'),
  OTHER: l('Muu syy', 'Annan orsak', 'Other reason'),
};

const diaryEntryKind: Labels<DiaryEntryKind> = {
  DAILY_LOG: l('Päivittäinen kirjaus', 'Daglig anteckning', 'Daily log'),
  LEARNING_DIARY: l('Oppimispäiväkirja', 'Inlärningsdagbok', 'Learning diary'),
};

const competenceState: Labels<CompetenceState> = {
  PRACTISING: l('Harjoittelee', 'Övar', 'Practising'),
  DEMONSTRATED: l('Näytetty', 'Påvisad', 'Demonstrated'),
  VERIFIED: l('Todennettu', 'Verifierad', 'Verified'),
};

const finalSummaryState: Labels<FinalSummaryState> = {
  DRAFT: l('Luonnos', 'Utkast', 'Draft'),
  FINAL: l('Valmis', 'Slutlig', 'Final'),
};

const outcomeType: Labels<OutcomeType> = {
  EMPLOYED_OPEN_MARKET: l('Työllistynyt avoimille työmarkkinoille', 'Sysselsatt på den öppna arbetsmarknaden', 'Employed on the open labour market'),
  EMPLOYED_WAGE_SUBSIDY: l('Työllistynyt palkkatuella', 'Sysselsatt med lönesubvention', 'Employed with wage subsidy'),
  STUDYING: l('Opiskelee', 'Studerar', 'Studying'),
  WORK_TRIAL: l('Työkokeilu', 'Arbetsprövning', 'Work trial'),
  OTHER_SERVICE: l('Muu palvelu', 'Annan tjänst', 'Other service'),
  REHABILITATION: l('Kuntoutus', 'Rehabilitering', 'Rehabilitation'),
  PENSION_ASSESSMENT: l('Eläkeselvitys', 'Pensionsutredning', 'Pension assessment'),
  DROPPED_OUT: l('Keskeyttänyt', 'Avbrutit', 'Dropped out'),
  UNKNOWN: l('Ei tiedossa', 'Okänt', 'Unknown'),
};

const outcomeCheckpoint: Labels<OutcomeCheckpoint> = {
  AT_END: l('Jakson päättyessä', 'Vid periodens slut', 'At the end of the period'),
  FOLLOW_UP_3_MONTHS: l('Seuranta 3 kk', 'Uppföljning efter 3 mån', 'Follow-up after 3 months'),
  FOLLOW_UP_6_MONTHS: l('Seuranta 6 kk', 'Uppföljning efter 6 mån', 'Follow-up after 6 months'),
};

const statisticsScope: Labels<StatisticsScope> = {
  ORGANISATION: l('Oma organisaatio', 'Den egna organisationen', 'Own organisation'),
  NATIONAL: l('Valtakunnallinen (pienet luvut peitetty)', 'Nationell (små tal dolda)', 'National (small counts suppressed)'),
};

const groupSessionTopic: Labels<GroupSessionTopic> = {
  DEBT_COUNSELLING: l('Velkaneuvonta', 'Skuldrådgivning', 'Debt counselling'),
  EDUCATION_INFO: l('Koulutusinfo', 'Utbildningsinfo', 'Education info'),
  JOB_SEARCH: l('Työnhaku', 'Jobbsökning', 'Job search'),
  DIGITAL_SKILLS: l('Digitaidot', 'Digitala färdigheter', 'Digital skills'),
  ATTITUDE_TRAINING: l('Asennevalmennus', 'Attitydträning', 'Attitude training'),
  WORKPLACE_VISIT: l('Työpaikkavierailu', 'Arbetsplatsbesök', 'Workplace visit'),
  OTHER: l('Muu', 'Annat', 'Other'),
};

const indicatorUnit: Labels<IndicatorUnit> = {
  PERCENT: l('Prosentti', 'Procent', 'Percent'),
  COUNT: l('Lukumäärä', 'Antal', 'Count'),
  RATIO: l('Suhdeluku', 'Kvot', 'Ratio'),
};

const staffRole: Labels<StaffRole> = {
  COACH: l('Työvalmentaja', 'Arbetscoach', 'Coach'),
  CAREER_AGENT: l('Ura-agentti', 'Karriäragent', 'Career agent'),
};

const occupancyStatus: Labels<OccupancyStatus> = {
  UNDER: l('Alle tavoitteen', 'Under målet', 'Under the minimum'),
  OK: l('Tavoitteessa', 'Inom målet', 'Within range'),
  FULL: l('Täynnä', 'Full', 'Full'),
  OVER: l('Yli enimmäismäärän', 'Över maximum', 'Over the maximum'),
};

const cefrLevel: Labels<CefrLevel> = {
  A1: l('A1 – alkeistaso', 'A1 – nybörjarnivå', 'A1 – beginner'),
  A2: l('A2 – perustaso', 'A2 – grundläggande nivå', 'A2 – elementary'),
  B1: l('B1 – keskitaso', 'B1 – mellannivå', 'B1 – intermediate'),
  B2: l('B2 – itsenäinen taso', 'B2 – självständig nivå', 'B2 – upper intermediate'),
  C1: l('C1 – taitava taso', 'C1 – avancerad nivå', 'C1 – advanced'),
  C2: l('C2 – mestaritaso', 'C2 – mycket avancerad nivå', 'C2 – proficient'),
};

const consentScope: Labels<ConsentScope> = {
  ALL_PARTNERS: l('Kaikki yhteistyöyritykset', 'Alla samarbetsföretag', 'All partner companies'),
  ONE_COMPANY: l('Yksi yritys', 'Ett företag', 'One company'),
};

const role: Labels<Role> = {
  ADMIN: l('Pääkäyttäjä', 'Huvudanvändare', 'Administrator'),
  COACH: l('Työvalmentaja', 'Arbetscoach', 'Coach'),
  CAREER_AGENT: l('Ura-agentti', 'Karriäragent', 'Career agent'),
  CASE_MANAGER: l('Asiakasvastaava', 'Kundansvarig', 'Case manager'),
  UNIT_LEAD: l('Yksikön esihenkilö', 'Enhetens chef', 'Unit lead'),
  PARTNER: l('Yhteistyöyritys', 'Samarbetsföretag', 'Partner company'),
  ANALYST: l('Analyytikko', 'Analytiker', 'Analyst'),
  TRAINEE: l('Valmentautuja', 'Coachingdeltagare', 'Trainee'),
  PLATFORM_OPERATOR: l('Palvelun ylläpitäjä', 'Tjänstens driftansvarig', 'Platform operator'),
};

const workTrialParty: Labels<WorkTrialParty> = {
  PARTICIPANT: l('Työkokeilija', 'Arbetsprövare', 'Participant'),
  AUTHORITY: l('Työllisyysalue', 'Sysselsättningsområde', 'Employment area'),
  ORGANISER: l('Työkokeilun järjestäjä', 'Anordnare av arbetsprövning', 'Organiser'),
};

const workTrialOrganiserKind: Labels<WorkTrialOrganiserKind> = {
  COACHING_ENVIRONMENT: l('Valmennusympäristö (kunta)', 'Coachningsmiljö (kommun)', 'Coaching environment (municipality)'),
  WORK_UNIT: l('Kunnan työyksikkö', 'Kommunal arbetsenhet', 'Municipal work unit'),
  PARTNER_COMPANY: l('Yhteistyöyritys tai -yhdistys', 'Samarbetsföretag eller förening', 'Partner company or association'),
};

const periodWarningCode: Labels<PeriodWarningCode> = {
  PLANNED_END_MISSING: l('Suunniteltu päättymispäivä puuttuu', 'Planerat slutdatum saknas', 'Planned end missing'),
  LEGAL_MAXIMUM_EXCEEDED: l('Lain enimmäiskesto ylittyy', 'Lagstadgad maximal längd överskrids', 'Legal maximum exceeded'),
  WORK_TRIAL_AGREEMENT_MISSING: l(
    'Allekirjoitettu työkokeilusopimus puuttuu',
    'Undertecknat avtal om arbetsprövning saknas',
    'Signed work-trial agreement missing',
  ),
  WORK_TRIAL_FEEDBACK_MISSING: l(
    'Järjestäjän kirjallinen palaute puuttuu',
    'Anordnarens skriftliga respons saknas',
    "Organiser's written feedback missing",
  ),
};

const organisationKind: Labels<OrganisationKind> = {
  MUNICIPALITY: l('Kunta', 'Kommun', 'Municipality'),
  JOINT_AUTHORITY: l('Kuntayhtymä', 'Samkommun', 'Joint municipal authority'),
};

const roleSource: Labels<RoleSource> = {
  LINKED: l('Pääkäyttäjän antama', 'Given av huvudanvändaren', 'Linked by an administrator'),
  GROUP: l('Tunnistuspalvelun ryhmästä', 'Från identifieringstjänstens grupp', 'From an identity-provider group'),
};

const userChangeKind: Labels<UserChangeKind> = {
  LINKED: l('Käyttäjä lisätty', 'Användare tillagd', 'User linked'),
  CHANGED: l('Rooli muutettu', 'Roll ändrad', 'Role changed'),
  DEACTIVATED: l('Käyttöoikeus päätetty', 'Behörighet avslutad', 'Access ended'),
  REACTIVATED: l('Käyttöoikeus palautettu', 'Behörighet återställd', 'Access restored'),
  JOINED_BY_GROUP: l('Liittyi ryhmän kautta', 'Anslöt via grupp', 'Joined through a group'),
};

/** GraphQL enum name → value → label. */
const subsidyApplicationState: Labels<SubsidyApplicationState> = {
  DRAFT: l('Luonnos', 'Utkast', 'Draft'),
  SUBMITTED: l('Lähetetty', 'Inskickad', 'Submitted'),
  DECIDED: l('Päätetty', 'Beslutad', 'Decided'),
  WITHDRAWN: l('Peruttu', 'Återtagen', 'Withdrawn'),
};

const subsidyDecisionOutcome: Labels<DecisionOutcome> = {
  GRANTED: l('Myönnetty', 'Beviljad', 'Granted'),
  PARTLY_GRANTED: l('Myönnetty osittain', 'Delvis beviljad', 'Partly granted'),
  DENIED: l('Hylätty', 'Avslagen', 'Denied'),
};

const subsidisedPositionState: Labels<PositionState> = {
  OPEN: l('Avoinna', 'Ledig', 'Open'),
  FILLED: l('Täytetty', 'Tillsatt', 'Filled'),
  CLOSED: l('Suljettu', 'Stängd', 'Closed'),
};

const integrationSystem: Labels<IntegrationSystem> = {
  EMPLOYMENT_AREA: l('Työllisyysalueen asiakastietojärjestelmä', 'Sysselsättningsområdets klientdatasystem', "Employment area's client system"),
  WAGE_SUBSIDY: l('Palkkatukiviranomainen', 'Lönesubventionsmyndighet', 'Wage-subsidy authority'),
};

const outboxStatus: Labels<OutboxStatus> = {
  PENDING: l('Odottaa', 'Väntar', 'Pending'),
  DELIVERED: l('Toimitettu', 'Levererad', 'Delivered'),
  FAILED: l('Epäonnistunut', 'Misslyckad', 'Failed'),
};

export const enumLabels: Readonly<Record<string, Readonly<Record<string, LocalizedText>>>> = {
  SubsidyApplicationState: subsidyApplicationState,
  SubsidyDecisionOutcome: subsidyDecisionOutcome,
  SubsidisedPositionState: subsidisedPositionState,
  IntegrationSystem: integrationSystem,
  OutboxStatus: outboxStatus,
  PeriodPhase: periodPhase,
  ServiceForm: serviceForm,
  ParticipationBasis: participationBasis,
  ReferralState: referralState,
  WorkOrderState: workOrderState,
  WorkField: workField,
  ProtectiveGear: protectiveGear,
  PlacementKind: placementKind,
  AttendanceStatus: attendanceStatus,
  AbsenceReason: absenceReason,
  DiaryEntryKind: diaryEntryKind,
  CompetenceState: competenceState,
  FinalSummaryState: finalSummaryState,
  OutcomeType: outcomeType,
  OutcomeCheckpoint: outcomeCheckpoint,
  StatisticsScope: statisticsScope,
  GroupSessionTopic: groupSessionTopic,
  IndicatorUnit: indicatorUnit,
  StaffRole: staffRole,
  OccupancyStatus: occupancyStatus,
  CefrLevel: cefrLevel,
  Role: role,
  ConsentScope: consentScope,
  WorkTrialParty: workTrialParty,
  WorkTrialOrganiserKind: workTrialOrganiserKind,
  PeriodWarningCode: periodWarningCode,
  OrganisationKind: organisationKind,
  RoleSource: roleSource,
  UserChangeKind: userChangeKind,
};
