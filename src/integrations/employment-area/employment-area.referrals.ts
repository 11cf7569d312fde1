import { Rng } from '../../demo/random';
import { ParticipationBasis, ServiceForm } from '../../modules/coaching-period/period-phase';
import { todayInFinland } from '../../modules/shared/calendar';
import { PersonGenerator } from '../simulator/people';
import type { InboundReferral } from './employment-area.port';

/** The demo's case managers of the Pori employment area, so generated referrals match someone in the demo. */
export const DEMO_CASE_MANAGER_EMAILS = [
  'heidi.saarinen@pori.example',
  'jukka.lehtonen@pori.example',
  'tiina.kallio@pori.example',
  'sanna.makela@pori.example',
  'ahmed.hassan@pori.example',
];

/** Service form and participation basis as case managers combine them, by weight. */
const FINNISH_BACKGROUND: ReadonlyArray<readonly [ServiceForm, ParticipationBasis, number]> = [
  [ServiceForm.TOWARDS_WORK_AND_EDUCATION, ParticipationBasis.WORK_TRIAL, 30],
  [ServiceForm.TOWARDS_WORK_AND_EDUCATION, ParticipationBasis.CAREER_COACHING, 15],
  [ServiceForm.TOWARDS_WORK_AND_EDUCATION, ParticipationBasis.REHABILITATIVE_WORK, 12],
  [ServiceForm.ASSESSMENT, ParticipationBasis.REHABILITATIVE_WORK, 25],
  [ServiceForm.ASSESSMENT, ParticipationBasis.WORK_TRIAL, 8],
];
const IMMIGRANT_COACHING: ReadonlyArray<readonly [ServiceForm, ParticipationBasis, number]> = [
  [ServiceForm.IMMIGRANT_COACHING, ParticipationBasis.WORK_TRIAL, 12],
  [ServiceForm.IMMIGRANT_COACHING, ParticipationBasis.REHABILITATIVE_WORK, 8],
  [ServiceForm.IMMIGRANT_COACHING, ParticipationBasis.CAREER_COACHING, 5],
];

const BACKGROUNDS: Record<string, readonly string[]> = {
  [ServiceForm.TOWARDS_WORK_AND_EDUCATION]: [
    'Pitkään työttömänä ollut työnhakija, aiempaa kokemusta varasto- ja kiinteistöalalta. Tavoitteena realistinen jatkosuunnitelma.',
    'Ammatillinen koulutus kesken jäänyt. Kiinnostunut ravintola-alasta; tarvitsee tukea alan valintaan ja opiskelupaikan hakuun.',
    'Työttömyys pitkittynyt yli kaksi vuotta. Ajokortti B, motivoitunut ulkotöihin. Tavoitteena palkkatuettu työ tai avoimet työmarkkinat.',
  ],
  [ServiceForm.ASSESSMENT]: [
    'Työmarkkinatilanne epäselvä; tuki- ja liikuntaelinten vaivoja. Tarve selvittää työ- ja toimintakykyä käytännön työssä.',
    'Palaa työelämään pitkän sairausloman ja kuntoutuksen jälkeen. Tarvitaan tietoa jaksamisesta ja sopivista työtehtävistä.',
    'Aktivointisuunnitelman mukainen kuntouttava työtoiminta. Päivärytmin ja sosiaalisen toimintakyvyn vahvistaminen.',
  ],
  [ServiceForm.IMMIGRANT_COACHING]: [
    'Muuttanut Suomeen muutama vuosi sitten, suomen kielen taso A2. Tavoitteena kielitaidon ja työyhteisötaitojen vahvistaminen.',
    'Kotimaassa työskennellyt rakennusalalla. Suomen kieli B1. Tavoitteena alan työkokeilu ja tutkinnon osa.',
  ],
};

export interface ReferralGeneratorOptions {
  /** Municipality codes by weight; default the Pori employment area's. */
  municipalities?: ReadonlyArray<readonly [string, number]>;
  caseManagerEmails?: readonly string[];
  /** Put before the sequence number in `externalId`. */
  idPrefix: string;
}

/**
 * Referrals as a case manager sends them. Referral number n is made from its own stream of the
 * seed (`referral:n`), so the n-th referral is the same on every run with the same seed, however
 * the referrals were asked for (at start, by batches, on a timer).
 */
export class ReferralGenerator {
  private readonly people: PersonGenerator;

  constructor(private readonly options: ReferralGeneratorOptions) {
    this.people = new PersonGenerator(options.municipalities);
  }

  make(sequence: number, seed: number, now: Date): InboundReferral {
    const rng = Rng.fromLabel(`referral:${sequence}`, seed);
    const person = this.people.next(rng, todayInFinland(now));
    const combos = person.immigrant && rng.chance(0.6) ? IMMIGRANT_COACHING : FINNISH_BACKGROUND;
    const [serviceForm, participationBasis] = rng.weighted(combos.map((c) => [c, c[2]] as const));
    const managers = this.options.caseManagerEmails ?? DEMO_CASE_MANAGER_EMAILS;
    return {
      externalId: `${this.options.idPrefix}${String(sequence).padStart(6, '0')}`,
      sentAt: now.toISOString(),
      caseManagerEmail: managers.length && rng.chance(0.9) ? rng.pick(managers) : null,
      person: {
        identityCode: person.identityCode,
        firstName: person.firstName,
        lastName: person.lastName,
        phone: person.phone,
        email: person.email,
        municipalityCode: person.municipalityCode,
        languages: person.languages,
      },
      serviceForm,
      participationBasis,
      background: rng.chance(0.9) ? rng.pick(BACKGROUNDS[serviceForm]) : null,
    };
  }
}
