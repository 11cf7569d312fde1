import { addDays, IsoDate } from '../modules/shared/calendar';
import { CefrLevel, Trainee } from '../modules/trainee/trainee.entity';
import type { PersonalDataCipher } from '../platform/crypto';
import type { Row, SeedContext } from './context';
import { identityCodeFor } from './identifiers';
import { ascii, FINNISH_FIRST, FINNISH_LAST, ORIGINS, SWEDISH_FINNS } from './names';
import type { Organisation, SeededArea } from './organisation';

export interface TraineeProfile {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: IsoDate;
  age: number;
  immigrant: boolean;
  languages: string[];
  finnishLevel: CefrLevel | null;
  municipalityCode: string;
  area: SeededArea;
  identityCode: string;
  temporaryCode: boolean;
  email: string | null;
  phone: string | null;
  /** Set by the lifecycle plan: grows with the coaching phase. */
  workLevel: number;
  /** Set by the lifecycle plan: when the person first came in. */
  createdAt: Date;
}

/** About 35 % immigrant background, as the Osaamo target. */
export const IMMIGRANT_SHARE = 0.35;

/** For a further group of people (a cohort of its own): another stream, and nobody the demo already has. */
export interface ProfileOptions {
  /** The PRNG stream (default 'people', the main group's). */
  stream?: string;
  /** People already created: their identity codes and names are not used again. */
  others?: readonly TraineeProfile[];
  /** Names not to give (e.g. the personas'). */
  takenNames?: readonly string[];
  /** Everybody in this area (default: the main area, one in 24 in the second). */
  area?: SeededArea;
  /** A couple of temporary identity codes and a few with the new century signs (default true). */
  specialCodes?: boolean;
}

/** Creates the people (no database work yet: the lifecycle plan sets their level first). */
export function createTraineeProfiles(ctx: SeedContext, org: Organisation, count: number, options: ProfileOptions = {}): TraineeProfile[] {
  const rng = ctx.rng(options.stream ?? 'people');
  const today = ctx.today;
  const immigrantCount = Math.round(count * IMMIGRANT_SHARE);
  const immigrantSlots = new Set(rng.sample([...Array(count).keys()], immigrantCount));
  const specialCodes = options.specialCodes ?? true;
  const temporarySlots = new Set(specialCodes ? [...immigrantSlots].slice(0, 2) : []);
  const newSignSlots = new Set(specialCodes ? [...immigrantSlots].slice(2, 5) : []);
  const usedCodes = new Set<string>(options.others?.map((p) => p.identityCode));
  const usedNames = new Set<string>([...(options.others?.map((p) => `${p.firstName} ${p.lastName}`) ?? []), ...(options.takenNames ?? [])]);
  const profiles: TraineeProfile[] = [];
  const [mainArea, secondArea] = options.area ? [options.area, undefined] : org.areas;

  for (let index = 0; index < count; index++) {
    const immigrant = immigrantSlots.has(index);
    const gender = rng.chance(0.52) ? 'm' : 'f';
    let firstName: string;
    let lastName: string;
    let languages: string[];
    let finnishLevel: CefrLevel | null = null;
    do {
      if (immigrant) {
        const origin = rng.weighted(ORIGINS.map((o) => [o, o.weight] as const));
        firstName = rng.pick(origin.first[gender]);
        lastName = Array.isArray(origin.last) ? rng.pick(origin.last) : rng.pick(origin.last[gender]);
        languages = [origin.language, ...rng.sample(origin.extraLanguages, rng.int(0, origin.extraLanguages.length)), 'fi'];
        finnishLevel = rng.weighted([
          [CefrLevel.A1, 3],
          [CefrLevel.A2, 5],
          [CefrLevel.B1, 4],
          [CefrLevel.B2, 2],
          [CefrLevel.C1, 0.5],
        ]);
      } else if (rng.chance(0.06)) {
        firstName = rng.pick(SWEDISH_FINNS.first[gender]);
        lastName = rng.pick(SWEDISH_FINNS.last);
        languages = ['sv', 'fi', 'en'];
      } else {
        firstName = rng.pick(FINNISH_FIRST[gender]);
        lastName = rng.pick(FINNISH_LAST);
        languages = rng.chance(0.6) ? ['fi', 'en'] : ['fi'];
      }
    } while (usedNames.has(`${firstName} ${lastName}`));
    usedNames.add(`${firstName} ${lastName}`);

    // Osaamo serves young adults; the coaching environment everybody of working age.
    const age = rng.weighted([
      [rng.int(19, 29), 42],
      [rng.int(30, 49), 40],
      [rng.int(50, 63), 18],
    ]);
    const birthDate = addDays(`${Number(today.slice(0, 4)) - age}-01-01`, rng.int(0, 364));
    let code;
    do {
      code = identityCodeFor(rng, birthDate, { temporary: temporarySlots.has(index), newCenturySign: newSignSlots.has(index) });
    } while (usedCodes.has(code.code));
    usedCodes.add(code.code);

    const area = index % 24 === 5 && secondArea ? secondArea : mainArea;
    const municipalityCode =
      area === mainArea
        ? rng.weighted([
            ['609', 70],
            ['886', 8],
            ['079', 5],
            ['531', 5],
            ['271', 5],
            ['102', 3],
            ['484', 2],
            ['608', 2],
          ])
        : rng.pick(area.municipalityCodes);

    profiles.push({
      id: ctx.id(),
      firstName,
      lastName,
      birthDate,
      age,
      immigrant,
      languages,
      finnishLevel,
      municipalityCode,
      area,
      identityCode: code.code,
      temporaryCode: code.temporary,
      email: rng.chance(0.85) ? `${ascii(firstName)}.${ascii(lastName)}${rng.int(1, 99)}@example.com` : null,
      phone: rng.chance(0.95) ? `+358 ${rng.pick(['40', '44', '45', '50'])} ${rng.int(100, 999)} ${rng.int(1000, 9999)}` : null,
      workLevel: 1,
      createdAt: ctx.at(today, 8),
    });
  }
  return profiles;
}

export async function insertTrainees(ctx: SeedContext, cipher: PersonalDataCipher, profiles: readonly TraineeProfile[]): Promise<void> {
  const rows: Row<Trainee>[] = profiles.map((p) => {
    const { ciphertext, keyId } = cipher.encrypt(p.identityCode);
    return {
      id: p.id,
      firstName: p.firstName,
      lastName: p.lastName,
      identityCodeCiphertext: ciphertext,
      identityCodeKeyId: keyId,
      identityCodeHash: cipher.hash(p.identityCode),
      identityCodeTemporary: p.temporaryCode,
      birthDate: p.birthDate,
      languages: p.languages,
      finnishLevel: p.finnishLevel,
      immigrantBackground: p.immigrant,
      email: p.email,
      phone: p.phone,
      municipalityCode: p.municipalityCode,
      employmentAreaId: p.area.id,
      workLevel: p.workLevel,
      pseudonymisedAt: null,
      createdAt: p.createdAt,
      updatedAt: p.createdAt,
    };
  });
  await ctx.insert(Trainee, rows);
}
