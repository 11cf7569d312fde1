import { identityCodeFor } from '../../demo/identifiers';
import { ascii, FINNISH_FIRST, FINNISH_LAST, ORIGINS, SWEDISH_FINNS } from '../../demo/names';
import type { Rng } from '../../demo/random';
import { addDays } from '../../modules/shared/calendar';

/** A made-up person as an outside system would send one. */
export interface SimulatedPerson {
  identityCode: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  phone: string | null;
  email: string | null;
  municipalityCode: string;
  languages: string[];
  immigrant: boolean;
}

/** The Pori employment area's municipalities (as the demo's), by weight: Pori, Ulvila, Harjavalta, Nakkila, Kokemäki, … */
export const PORI_AREA_MUNICIPALITIES: ReadonlyArray<readonly [string, number]> = [
  ['609', 70],
  ['886', 8],
  ['079', 5],
  ['531', 5],
  ['271', 5],
  ['102', 3],
  ['484', 2],
  ['608', 2],
];

/**
 * Makes up people with Finnish (and, about a third, immigrant) names and valid identity codes: the
 * right control character and century sign (`-` or `A`, sometimes the 2023 signs `Y`, `X`, `B`,
 * `C`; a few temporary codes, individual number 900–999). Codes are unique within one generator.
 */
export class PersonGenerator {
  private readonly usedCodes = new Set<string>();

  constructor(private readonly municipalities: ReadonlyArray<readonly [string, number]> = PORI_AREA_MUNICIPALITIES) {
    if (municipalities.length === 0) throw new RangeError('at least one municipality code');
  }

  next(rng: Rng, today: string): SimulatedPerson {
    const gender = rng.chance(0.52) ? 'm' : 'f';
    const immigrant = rng.chance(0.35);
    let firstName: string;
    let lastName: string;
    let languages: string[];
    if (immigrant) {
      const origin = rng.weighted(ORIGINS.map((o) => [o, o.weight] as const));
      firstName = rng.pick(origin.first[gender]);
      lastName = rng.pick(Array.isArray(origin.last) ? origin.last : origin.last[gender]);
      languages = [origin.language, ...rng.sample(origin.extraLanguages, rng.int(0, origin.extraLanguages.length)), 'fi'];
    } else if (rng.chance(0.06)) {
      firstName = rng.pick(SWEDISH_FINNS.first[gender]);
      lastName = rng.pick(SWEDISH_FINNS.last);
      languages = ['sv', 'fi', 'en'];
    } else {
      firstName = rng.pick(FINNISH_FIRST[gender]);
      lastName = rng.pick(FINNISH_LAST);
      languages = rng.chance(0.6) ? ['fi', 'en'] : ['fi'];
    }
    const age = rng.weighted([
      [rng.int(18, 29), 42],
      [rng.int(30, 49), 40],
      [rng.int(50, 64), 18],
    ] as const);
    const birthDate = addDays(`${Number(today.slice(0, 4)) - age - 1}-01-01`, rng.int(0, 364));
    let code: string;
    do {
      code = identityCodeFor(rng, birthDate, { temporary: immigrant && rng.chance(0.05), newCenturySign: rng.chance(0.05) }).code;
    } while (this.usedCodes.has(code));
    this.usedCodes.add(code);
    return {
      identityCode: code,
      firstName,
      lastName,
      birthDate,
      phone: rng.chance(0.95) ? `+358 ${rng.pick(['40', '44', '45', '50'])} ${rng.int(100, 999)} ${rng.int(1000, 9999)}` : null,
      email: rng.chance(0.85) ? `${ascii(firstName)}.${ascii(lastName)}${rng.int(1, 99)}@example.com` : null,
      municipalityCode: rng.weighted(this.municipalities),
      languages,
      immigrant,
    };
  }
}
