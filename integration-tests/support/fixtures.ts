import { CoachingPeriod } from '../../src/modules/coaching-period/coaching-period.entities';
import { ParticipationBasis, PeriodPhase, ServiceForm } from '../../src/modules/coaching-period/period-phase';
import { Trainee } from '../../src/modules/trainee/trainee.entity';
import { PersonalDataCipher } from '../../src/platform/crypto';
import {
  PeriodSetupAcceptReferralDocument,
  PeriodSetupEmploymentAreaDocument,
  PeriodSetupReceiveReferralDocument,
  PeriodSetupStaffDocument,
} from '../generated/graphql';
import type { TestServer } from './test-server';

/**
 * Rows inserted straight into a test server's database, for tests whose module needs trainees or
 * periods but does not own them. Add functions here with small edits; other tests share the file.
 */

const CONTROL_ALPHABET = '0123456789ABCDEFHJKLMNPRSTUVWXY';
let identitySequence = 0;

/** A valid, unique (per process) identity code: 20th-century birth date, '-' sign, number 002–899. */
export function nextIdentityCode(): string {
  const n = identitySequence++;
  const individual = String(2 + (n % 898)).padStart(3, '0');
  const dayIndex = Math.floor(n / 898);
  const day = String(1 + (dayIndex % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(dayIndex / 28) % 12)).padStart(2, '0');
  const year = String(80 + (Math.floor(dayIndex / 336) % 20)).padStart(2, '0');
  const control = CONTROL_ALPHABET[Number(`${day}${month}${year}${individual}`) % 31];
  return `${day}${month}${year}-${individual}${control}`;
}

export interface TraineeFixture {
  firstName?: string;
  lastName?: string;
  identityCode?: string;
  immigrantBackground?: boolean;
  /** Whose client register the record is in; the server's organisation unless given. */
  organisationId?: string;
}

export async function insertTrainee(server: TestServer, fixture: TraineeFixture = {}): Promise<Trainee> {
  const identityCode = fixture.identityCode ?? nextIdentityCode();
  const cipher = new PersonalDataCipher(server.config.keyRing);
  const { ciphertext, keyId } = cipher.encrypt(identityCode);
  const [dd, mm, yy] = [identityCode.slice(0, 2), identityCode.slice(2, 4), identityCode.slice(4, 6)];
  const century = identityCode[6] === '+' ? 1800 : /[A-F]/.test(identityCode[6]) ? 2000 : 1900;
  return server.app.dataSource.getRepository(Trainee).save({
    organisationId: fixture.organisationId ?? server.organisationId,
    firstName: fixture.firstName ?? 'Testi',
    lastName: fixture.lastName ?? `Valmentautuja ${identitySequence}`,
    identityCodeCiphertext: ciphertext,
    identityCodeKeyId: keyId,
    identityCodeHash: cipher.hash(identityCode),
    identityCodeTemporary: Number(identityCode.slice(7, 10)) >= 900,
    birthDate: `${century + Number(yy)}-${mm}-${dd}`,
    immigrantBackground: fixture.immigrantBackground ?? false,
  });
}

export interface PeriodFixture {
  traineeId?: string;
  phase?: PeriodPhase;
  startDate?: string;
  endDate?: string | null;
  /** Left out: none, as a row stored before fixed-term bases needed one (a legacy row). */
  plannedEndDate?: string | null;
  daysPerWeek?: number;
  serviceForm?: ServiceForm;
  participationBasis?: ParticipationBasis;
  /** The period's coach (a COACH staff member); its token needs this as `staffId` for the FULL view. */
  coachId?: string | null;
  /** The period's career agent (a CAREER_AGENT staff member). */
  careerAgentId?: string | null;
}

/**
 * A coaching period (and a trainee, unless given) in any phase, without going through transitions
 * or the rules: also how a test stores a legacy row the API would refuse today.
 */
export async function insertCoachingPeriod(server: TestServer, fixture: PeriodFixture = {}): Promise<CoachingPeriod> {
  const traineeId = fixture.traineeId ?? (await insertTrainee(server)).id;
  return server.app.dataSource.getRepository(CoachingPeriod).save({
    traineeId,
    serviceForm: fixture.serviceForm ?? ServiceForm.TOWARDS_WORK_AND_EDUCATION,
    participationBasis: fixture.participationBasis ?? ParticipationBasis.CAREER_COACHING,
    daysPerWeek: fixture.daysPerWeek ?? 4,
    hoursPerDay: 6,
    startDate: fixture.startDate ?? '2025-01-01',
    plannedEndDate: fixture.plannedEndDate ?? null,
    endDate: fixture.endDate ?? null,
    phase: fixture.phase ?? PeriodPhase.COACHING,
    coachId: fixture.coachId ?? null,
    careerAgentId: fixture.careerAgentId ?? null,
  });
}

/** A trainee cleared for the given work level (1–3) with an ongoing coaching period. */
export async function insertStaffableTrainee(server: TestServer, workLevel = 1, period: Omit<PeriodFixture, 'traineeId'> = {}) {
  const trainee = await insertTrainee(server);
  await server.app.dataSource.getRepository(Trainee).update({ id: trainee.id }, { workLevel });
  const coachingPeriod = await insertCoachingPeriod(server, { ...period, traineeId: trainee.id });
  return { trainee: { ...trainee, workLevel }, period: coachingPeriod };
}

let setupSequence = 0;

/** A staff member created through the API; returns its id. */
export async function createStaffMember(server: TestServer, role: 'COACH' | 'CAREER_AGENT', caseloadMax = 12): Promise<string> {
  const n = ++setupSequence;
  const data = await server.ok(PeriodSetupStaffDocument, {
    input: { name: `${role} ${n}`, role, caseloadMin: Math.min(8, caseloadMax), caseloadMax },
  });
  return data.createStaffMember.staffMember.id;
}

export async function createEmploymentArea(server: TestServer): Promise<string> {
  const data = await server.ok(PeriodSetupEmploymentAreaDocument, { input: { name: `Area ${++setupSequence}`, municipalityCodes: ['609'] } });
  return data.createEmploymentArea.employmentArea.id;
}

/** A referral received and accepted through the API (trainee inserted unless given); returns ids. */
export async function createAcceptedReferral(
  server: TestServer,
  employmentAreaId: string,
  options: { traineeId?: string; serviceForm?: ServiceForm; participationBasis?: ParticipationBasis; accept?: boolean } = {},
): Promise<{ referralId: string; traineeId: string }> {
  const traineeId = options.traineeId ?? (await insertTrainee(server)).id;
  const received = await server.ok(PeriodSetupReceiveReferralDocument, {
    input: {
      employmentAreaId,
      externalId: `EXT-${++setupSequence}`,
      traineeId,
      serviceForm: options.serviceForm ?? ServiceForm.TOWARDS_WORK_AND_EDUCATION,
      participationBasis: options.participationBasis ?? ParticipationBasis.CAREER_COACHING,
    },
  });
  const referralId = received.receiveReferral.referral.id;
  if (options.accept !== false) await server.ok(PeriodSetupAcceptReferralDocument, { input: { referralId } });
  return { referralId, traineeId };
}

/** A valid Y-tunnus from seven digits (weighted mod 11; remainder 1 is never issued). */
export function businessId(seed: number): string {
  for (let n = seed; ; n++) {
    const digits = String(n).padStart(7, '0');
    const sum = [7, 9, 10, 5, 8, 4, 2].reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
    const r = sum % 11;
    if (r !== 1) return `${digits}-${r === 0 ? 0 : 11 - r}`;
  }
}
