import { ServiceForm } from '../modules/coaching-period/period-phase';
import type { TraineeProfile } from './people';
import type { Rng } from './random';

/** Finnish free text of the kind case managers, coaches and career agents write. */

const PREVIOUS_JOBS = [
  'rakennusalalla',
  'maataloudessa',
  'ompelijana',
  'kaupan kassalla',
  'autonkuljettajana',
  'opettajana',
  'siivoojana',
  'ravintolan keittiössä',
  'varastotyöntekijänä',
];

export function referralBackground(rng: Rng, form: ServiceForm, trainee: TraineeProfile): string {
  switch (form) {
    case ServiceForm.TOWARDS_WORK_AND_EDUCATION:
      return rng.pick([
        'Pitkään työttömänä ollut työnhakija, aiempaa kokemusta varasto- ja kiinteistöalalta. Tavoitteena realistinen jatkosuunnitelma ja mahdollinen tutkinnon osa.',
        'Ammatillinen koulutus kesken jäänyt. Kiinnostunut ravintola-alasta; tarvitsee tukea alan valintaan ja opiskelupaikan hakuun.',
        'Nuori aikuinen ilman toisen asteen tutkintoa. Osaamo-ryhmään ohjaus: asennevalmennus ja työssävalmennus yrityksessä.',
        'Työttömyys pitkittynyt yli kaksi vuotta. Ajokortti B, motivoitunut ulkotöihin. Tavoitteena palkkatuettu työ tai avoimet työmarkkinat.',
      ]);
    case ServiceForm.ASSESSMENT:
      return rng.pick([
        'Työmarkkinatilanne epäselvä; tuki- ja liikuntaelinten vaivoja. Tarve selvittää työ- ja toimintakykyä käytännön työssä mahdollista eläkeselvittelyä varten.',
        'Palaa työelämään pitkän sairausloman ja kuntoutuksen jälkeen. Työkykykoordinaattori toivoo tietoa jaksamisesta ja sopivista työtehtävistä.',
        'Aktivointisuunnitelman mukainen kuntouttava työtoiminta. Päivärytmin ja sosiaalisen toimintakyvyn vahvistaminen, työkyvyn arviointi.',
      ]);
    case ServiceForm.IMMIGRANT_COACHING:
      return `Muuttanut Suomeen ${rng.int(2, 9)} vuotta sitten, suomen kielen taso ${trainee.finnishLevel ?? 'A2'}. Kotimaassa työskennellyt ${rng.pick(PREVIOUS_JOBS)}. Tavoitteena kielitaidon, työyhteisötaitojen ja työkyvyn vahvistaminen käytännön työssä.`;
    case ServiceForm.COACHING_EMPLOYMENT:
      return rng.pick([
        'Valmentava työsuhde kaupungin yksikössä palkkatuella (70 %, alentunut työkyky). Tavoitteena siirtymä avoimille työmarkkinoille.',
        'Palkkatuettu työsuhde (50 %, ammatillisen osaamisen puutteet). Opinnollistaminen: kiinteistöpalvelujen tutkinnon osa työn ohessa.',
        'Työsuhde yhdistyksessä 100 % palkkatuella, työaika 65 %. Tarvitsee tukea työtehtävien oppimiseen.',
      ]);
  }
}

export function periodGoals(rng: Rng, form: ServiceForm): string {
  switch (form) {
    case ServiceForm.TOWARDS_WORK_AND_EDUCATION:
      return rng.pick([
        'Ammatinvalinnan selkiytyminen ja opiskelupaikan haku yhteishaussa.',
        'Työelämätaitojen vahvistaminen ja työnhakuasiakirjat kuntoon; tavoitteena työpaikka kiinteistöalalta.',
        'Tutkinnon osan (ylläpitosiivous) osaamisen kerääminen ja näyttö jakson aikana.',
      ]);
    case ServiceForm.ASSESSMENT:
      return rng.pick([
        'Työ- ja toimintakyvyn selvittäminen käytännön työssä; tietoa eläkeselvittelyä varten.',
        'Päivärytmin vakiintuminen ja jaksamisen arviointi 4 tunnin työpäivillä.',
        'Sopivien työtehtävien ja mahdollisten rajoitteiden tunnistaminen.',
      ]);
    case ServiceForm.IMMIGRANT_COACHING:
      return rng.pick([
        'Työpaikan suomen kielen ja työturvallisuussanaston oppiminen; suomen kieli tasolle B1.',
        'Työyhteisötaitojen vahvistaminen ja suomalaiseen työelämään tutustuminen.',
        'Hygieniapassi ja ruokapalvelujen tehtäviin harjaantuminen.',
      ]);
    case ServiceForm.COACHING_EMPLOYMENT:
      return rng.pick([
        'Ammatillisen osaamisen vahvistaminen työsuhteessa ja siirtymä avoimille työmarkkinoille.',
        'Tutkinnon osan suorittaminen työn ohessa (opinnollistaminen).',
      ]);
  }
}

export const REJECTION_REASONS = [
  'Henkilö on parhaillaan Kelan ammatillisessa kuntoutuksessa; palvelut menisivät päällekkäin.',
  'Asiakas muuttaa pois työllisyysalueelta ennen jakson alkua.',
  'Työ- ja toimintakyky ei tällä hetkellä riitä palveluun; ohjattu terveydentilan selvittelyyn.',
  'Asiakkaalla alkanut työsuhde; valmennukselle ei ole tarvetta.',
  'Lähetteeltä puuttuu aktivointisuunnitelma, jota kuntouttava työtoiminta edellyttää.',
  'Osaamo-ryhmä täynnä; asiakas ohjattu seuraavaan ryhmään uudella lähetteellä.',
];

export const CHECK_POINT_CASES = [
  {
    difficulty: 'Poissaolot lisääntyneet kolmen viikon aikana; valmentautuja kertoo univaikeuksista.',
    reassessment: 'Mittariston psyykkinen ja fyysinen osa-alue arvioitu uudelleen; jaksaminen heikentynyt.',
    actions: 'Työpäivät lyhennetään kahdeksi viikoksi 4 tuntiin, aamuisin soitto valmentajalta. Ohjaus terveydenhoitajalle.',
  },
  {
    difficulty: 'Ristiriitoja tiimissä; palautteen vastaanottaminen vaikeaa.',
    reassessment: 'Sosiaalinen toimintakyky ja työelämätaidot arvioitu uudelleen yhdessä valmentautujan kanssa.',
    actions: 'Siirto pienempään tiimiin, viikoittainen palautekeskustelu, yhteiset pelisäännöt kirjattu.',
  },
  {
    difficulty: 'Työohjeiden muistaminen ja työn aloittaminen ilman ohjausta haastavaa; epäily oppimisvaikeudesta.',
    reassessment: 'Kognitiivinen osa-alue arvioitu uudelleen; kirjalliset ohjeet eivät toimi.',
    actions: 'Kuvalliset työohjeet ja tarkistuslistat, työtehtävät pilkotaan. Ura-agentti selvittää erityisopetuksen tukea tutkinnon osiin.',
  },
  {
    difficulty: 'Suomen kielen taito ei riitä turvallisuusohjeiden ymmärtämiseen.',
    reassessment: 'Työturvallisuusperehdytys tehty uudelleen tulkin avulla; kielitaso arvioitu A1–A2.',
    actions: 'Selkokieliset ja kuvitetut turvallisuusohjeet, työpari samasta kieliryhmästä, suomen kielen verkkokurssi kahtena päivänä viikossa.',
  },
  {
    difficulty: 'Myöhästelyä aamuisin; päivärytmi ei ole vakiintunut.',
    reassessment: 'Työelämätaidot (täsmällisyys) arvioitu uudelleen; syyt keskusteltu.',
    actions: 'Aloitusaika siirretään klo 9:ään, viikkosuunnitelma ja herätyssovellus. Seuranta kahden viikon päästä.',
  },
  {
    difficulty: 'Selkäkipu rajoittaa nostoja vaativia tehtäviä.',
    reassessment: 'Fyysinen toimintakyky arvioitu uudelleen; nostot yli 10 kg vältettävä.',
    actions: 'Siirto kevyempiin tehtäviin (toimisto, tekstiilien lajittelu), ohjaus työterveyshuoltoon.',
  },
];

export const DECLINE_REASONS = [
  'Tehtävä vaatii kuljetuskaluston, jota valmennusympäristöllä ei ole käytettävissä.',
  'Tehtävä edellyttää korkealla työskentelyä (yli 2 m), mikä ei sovellu valmennukseen.',
  'Toivottu ajankohta päällekkäin kesän perussiivousten kanssa; ei vapaita valmentautujia.',
];

export const CANCEL_REASONS = [
  'Tilaava yksikkö perui: tila otettiin käyttöön suunniteltua aiemmin.',
  'Sääolosuhteet: työ siirretään ensi keväälle.',
  'Tilaava yksikkö hoiti työn omana työnä.',
];

export const WORK_ORDER_FEEDBACK = [
  'Työ tehtiin huolellisesti ja aikataulussa. Kiitos koko porukalle!',
  'Hyvä työjälki, ohjeet ymmärrettiin hyvin. Tilaamme uudelleen keväällä.',
  'Pieniä viivästyksiä aamuisin, mutta lopputulos oli erinomainen.',
  'Ystävällinen ja reipas porukka, asiakkaat kehuivat.',
  'Työ valmistui etuajassa; yksi huone jäi vielä viimeistelemättä.',
];

export const DAILY_LOG_TEMPLATES = [
  'Tehtävä: {task}. Noudatti työturvallisuusohjeita ja kysyi tarvittaessa neuvoa.',
  'Tehtävä: {task}. Työtahti tasainen, ohjeet ymmärretty hyvin. Jaksoi koko päivän.',
  'Tehtävä: {task}. Aloitti itsenäisesti; tarvitsi tukea työn suunnitteluun. Hyvä yhteistyö tiimissä.',
  'Tehtävä: {task}. Väsymystä iltapäivällä, tauotus sovittu. Mieliala hyvä.',
  'Tehtävä: {task}. Opetteli uuden työvaiheen ja teki sen ohjeen mukaan. Palaute annettu, otti sen hyvin vastaan.',
  'Ryhmäpäivä: työnhakuasiakirjojen päivitys aamupäivällä, iltapäivällä tehtävä {task}.',
];

export const LEARNING_DIARY_TEMPLATES = [
  'Tänään tehtävä oli {task}. Aluksi oli vaikeaa, mutta lopulta onnistuin.',
  'Työ tänään: {task}. Olin ylpeä, kun työnjohtaja kehui. Haluan harjoitella lisää.',
  'Viikko meni hyvin. Tehtävä {task} alkaa sujua. Ensi viikolla tavoite on tulla ajoissa joka päivä.',
  'Opin uusia sanoja: turvakengät, hanskat, kuulosuojaimet. Tehtävä {task} oli kivaa.',
  'Olin väsynyt, mutta tein tehtävän {task} loppuun. Huomenna jaksan paremmin.',
];

export const ASSESSMENT_SUMMARIES = {
  initial: [
    'Alkukartoitus: työkyky riittää perustehtäviin ohjattuna. Tavoitteet sovittu yhdessä.',
    'Alkukartoitus: jaksaminen ja päivärytmi vahvistettavia osa-alueita; sosiaaliset taidot hyvät.',
    'Alkukartoitus: motivaatio hyvä, kielitaito rajaa tehtäviä. Vahvuutena käytännön taidot.',
  ],
  middle: [
    'Väliarvio: selvää edistymistä työelämätaidoissa, itsenäisyys lisääntynyt.',
    'Väliarvio: jaksaminen parantunut, päivät pidennetty sovitusti.',
    'Väliarvio: edistyminen hidasta mutta tasaista; ohjauksen tarve vähentynyt.',
  ],
  checkPoint: ['Check point -arvio: jaksaminen heikentynyt, valmennusta tehostetaan.'],
  final: [
    'Loppuarvio: työ- ja toimintakyky riittää avoimille työmarkkinoille tuettuna.',
    'Loppuarvio: työkyky riittää ohjattuun työhön; jatkosuositus terveydentilan selvittely.',
    'Loppuarvio: valmis ammatilliseen koulutukseen, osaamista kertynyt tutkinnon osiin.',
  ],
};
