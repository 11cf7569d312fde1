import { CapacityDimension } from '../modules/capacity/assessment-change';
import { CapacityDimensionDefinition, CapacityInstrument, CapacityItem } from '../modules/capacity/capacity.entities';
import { CompetenceRequirement, Qualification, QualificationUnit } from '../modules/competence/competence.entities';
import { localized, LocalizedText } from '../modules/shared/localized-text';
import { ProtectiveGear, Task, WorkField } from '../modules/task-catalogue/task.entity';
import type { Row, SeedContext } from './context';

export interface SeededRequirement {
  id: string;
  code: string;
  text: string;
}

export interface SeededQualificationUnit {
  id: string;
  key: string;
  externalId: string;
  name: string;
  qualificationExternalId: string;
  diaryNumber: string;
  requirements: SeededRequirement[];
}

export interface SeededTask {
  id: string;
  code: string;
  name: LocalizedText;
  field: WorkField;
  difficultyLevel: number;
  typicalPlace: string;
  transportNeeded: boolean;
  units: SeededQualificationUnit[];
}

export interface SeededCapacityItem {
  id: string;
  dimension: CapacityDimension;
}

export interface Catalogue {
  tasks: SeededTask[];
  qualificationUnits: SeededQualificationUnit[];
  instrumentId: string;
  capacityItems: SeededCapacityItem[];
}

interface QualificationSource {
  externalId: string;
  diaryNumber: string;
  name: LocalizedText;
  units: Array<{ key: string; externalId: string; name: LocalizedText; points: number; requirements: string[] }>;
}

/** Shaped like ePerusteet: peruste id, diaarinumero, tutkinnon osat with laajuus and ammattitaitovaatimukset. */
const QUALIFICATIONS: QualificationSource[] = [
  {
    externalId: '3397336',
    diaryNumber: 'OPH-2660-2017',
    name: localized(
      'Puhtaus- ja kiinteistöpalvelualan perustutkinto',
      'Grundexamen inom rengörings- och fastighetsservice',
      'Vocational Qualification in Cleaning and Property Services',
    ),
    units: [
      {
        key: 'PKP-ULKO',
        externalId: '3397461',
        name: localized('Kiinteistön ulkoalueiden hoito', 'Skötsel av fastighetens utomhusområden', 'Maintenance of outdoor areas of properties'),
        points: 30,
        requirements: [
          'suunnittelee työnsä ulkoalueiden hoitosuunnitelman ja työohjeen mukaan',
          'hoitaa viheralueita ja piha-alueita vuodenajan mukaisesti',
          'käyttää ja huoltaa ulkoalueiden hoidossa tarvittavia koneita ja välineitä turvallisesti',
          'lajittelee ja käsittelee hoitotyössä syntyvän jätteen ohjeiden mukaan',
        ],
      },
      {
        key: 'PKP-SIIVOUS',
        externalId: '3397462',
        name: localized('Ylläpitosiivous', 'Underhållsstädning', 'Routine cleaning'),
        points: 45,
        requirements: [
          'valitsee siivousmenetelmät, -välineet ja -aineet pintamateriaalin ja likaantumisen mukaan',
          'tekee ylläpitosiivousta asiakaskohteen laatuvaatimusten mukaisesti',
          'toimii ergonomisesti ja työturvallisesti siivoustyössä',
          'arvioi työnsä laatua ja toimii asiakaslähtöisesti',
          'huolehtii siivousvälineiden ja -koneiden puhtaudesta ja kunnosta',
        ],
      },
      {
        key: 'PKP-SISA',
        externalId: '3397463',
        name: localized(
          'Kiinteistön sisätilojen ja järjestelmien hoito',
          'Skötsel av fastighetens inomhusutrymmen och system',
          'Maintenance of indoor spaces and building systems',
        ),
        points: 45,
        requirements: [
          'tekee kiinteistön tarkastuskierroksia ja kirjaa havaitut viat',
          'tekee pieniä korjaus- ja huoltotöitä ohjeiden mukaan',
          'noudattaa kiinteistön turvallisuusohjeita ja käyttää suojaimia',
        ],
      },
      {
        key: 'PKP-KIERTO',
        externalId: '3397464',
        name: localized(
          'Jätehuolto ja kierrätys kiinteistöllä',
          'Avfallshantering och återvinning i fastigheten',
          'Waste management and recycling in properties',
        ),
        points: 15,
        requirements: [
          'lajittelee jätteet ja kierrätettävät materiaalit paikallisten jätehuoltomääräysten mukaan',
          'tunnistaa vaaralliset jätteet ja käsittelee ne turvallisesti',
          'ohjaa kiinteistön käyttäjiä lajittelussa',
        ],
      },
    ],
  },
  {
    externalId: '3689879',
    diaryNumber: 'OPH-2608-2017',
    name: localized(
      'Ravintola- ja catering-alan perustutkinto',
      'Grundexamen inom restaurang- och cateringbranschen',
      'Vocational Qualification in Restaurant and Catering Services',
    ),
    units: [
      {
        key: 'RCA-RUOKA',
        externalId: '3689944',
        name: localized('Ruoanvalmistuksessa toimiminen', 'Att arbeta med matlagning', 'Working in food preparation'),
        points: 45,
        requirements: [
          'valmistaa ruokia ja leivonnaisia työohjeen ja reseptin mukaan',
          'käsittelee raaka-aineita omavalvontasuunnitelman mukaisesti',
          'käyttää keittiön koneita ja laitteita turvallisesti',
          'toimii taloudellisesti ja vähentää ruokahävikkiä',
        ],
      },
      {
        key: 'RCA-ASPA',
        externalId: '3689945',
        name: localized('Asiakaspalvelussa toimiminen', 'Att arbeta med kundservice', 'Working in customer service'),
        points: 45,
        requirements: [
          'palvelee asiakkaita linjastossa ja ruokasalissa',
          'huomioi erityisruokavaliot ja kertoo tuotteista asiakkaalle',
          'pitää esille asettelun ja ruokasalin siistinä ja houkuttelevana',
        ],
      },
      {
        key: 'RCA-HYGIENIA',
        externalId: '3689946',
        name: localized('Keittiön hygienia ja astiahuolto', 'Kökshygien och diskhantering', 'Kitchen hygiene and dishwashing'),
        points: 15,
        requirements: [
          'tekee astiahuollon työvaiheet oikeassa järjestyksessä',
          'noudattaa hyvää käsi- ja työhygieniaa',
          'puhdistaa työpisteet ja laitteet puhtaanapitosuunnitelman mukaan',
        ],
      },
    ],
  },
  {
    externalId: '3886019',
    diaryNumber: 'OPH-2545-2017',
    name: localized('Logistiikan perustutkinto', 'Grundexamen i logistik', 'Vocational Qualification in Logistics'),
    units: [
      {
        key: 'LOG-VARASTO',
        externalId: '3886101',
        name: localized('Varastotoiminnoissa toimiminen', 'Att arbeta med lagerfunktioner', 'Working in warehouse operations'),
        points: 45,
        requirements: [
          'vastaanottaa, tarkastaa ja kirjaa tavaraa',
          'käsittelee ja varastoi tavaraa turvallisesti ja ergonomisesti',
          'kerää ja pakkaa lähetyksiä tilauksen mukaan',
          'käyttää varastonhallinnan tietojärjestelmää',
        ],
      },
      {
        key: 'LOG-MUUTTO',
        externalId: '3886102',
        name: localized('Muutto- ja kalustepalvelut', 'Flytt- och möbeltjänster', 'Moving and furniture services'),
        points: 30,
        requirements: [
          'suunnittelee muuton tai tilatyhjennyksen työvaiheet yhdessä tiimin kanssa',
          'pakkaa ja suojaa tavarat ja kalusteet kuljetusta varten',
          'nostaa ja siirtää taakkoja oikeilla nostotekniikoilla ja apuvälineillä',
        ],
      },
      {
        key: 'LOG-HUOLTO',
        externalId: '3886103',
        name: localized('Kaluston ja laitteiden huolto', 'Underhåll av materiel och utrustning', 'Maintenance of equipment and machinery'),
        points: 15,
        requirements: [
          'tekee koneiden ja laitteiden päivittäiset tarkastukset',
          'tekee huolto-ohjelman mukaiset perushuollot',
          'tunnistaa viat ja raportoi ne eteenpäin',
        ],
      },
    ],
  },
  {
    externalId: '4179214',
    diaryNumber: 'OPH-2639-2017',
    name: localized(
      'Kasvatus- ja ohjausalan perustutkinto',
      'Grundexamen inom barn- och familjearbete',
      'Vocational Qualification in Education and Guidance',
    ),
    units: [
      {
        key: 'KAS-OHJAUS',
        externalId: '4179301',
        name: localized('Kasvatus- ja ohjausalan työssä toimiminen', 'Att arbeta inom fostran och handledning', 'Working in education and guidance'),
        points: 25,
        requirements: [
          'toimii työyhteisön jäsenenä ja noudattaa työpaikan ohjeita',
          'kohtaa lapset ja nuoret kunnioittavasti ja turvallisesti',
          'toimii vaitiolovelvollisuuden ja tietosuojan mukaan',
        ],
      },
      {
        key: 'KAS-TUKI',
        externalId: '4179302',
        name: localized('Kasvun ja oppimisen tukeminen', 'Att stödja växande och lärande', 'Supporting growth and learning'),
        points: 40,
        requirements: [
          'avustaa lapsia ja nuoria arjen toiminnoissa ohjeiden mukaan',
          'tukee oppimista ja osallisuutta yhdessä opettajan tai kasvattajan kanssa',
          'ohjaa leikkiä, liikuntaa tai välituntitoimintaa',
          'havainnoi ja kertoo havainnoistaan työryhmälle',
        ],
      },
      {
        key: 'KAS-TOIMISTO',
        externalId: '4179303',
        name: localized(
          'Toimisto- ja asiakaspalvelutehtävät oppilaitoksessa',
          'Kontors- och kundservicearbete i en läroanstalt',
          'Office and service tasks in schools',
        ),
        points: 15,
        requirements: [
          'käsittelee asiakirjoja ja postia ohjeiden mukaan',
          'käyttää tavallisimpia toimisto-ohjelmia',
          'palvelee asiakkaita puhelimessa ja kasvokkain',
        ],
      },
    ],
  },
];

interface TaskSource {
  code: string;
  name: LocalizedText;
  description: string;
  field: WorkField;
  level: number;
  gear: ProtectiveGear[];
  transport?: boolean;
  place: string;
  units: string[];
}

const G = ProtectiveGear;
const TASKS: TaskSource[] = [
  // Kiinteistö- ja viheralueiden hoito
  {
    code: 'VIH-01',
    field: WorkField.GROUNDS_AND_PROPERTY_CARE,
    level: 1,
    name: localized('Haravointi ja lehtien keruu', 'Krattning och lövinsamling', 'Raking and leaf collection'),
    description: 'Puistojen ja koulujen pihojen haravointi, roskien keruu ja lehtien kuljetus kompostiin käsikärryillä.',
    gear: [G.SAFETY_SHOES, G.WORK_CLOTHES, G.GLOVES, G.HIGH_VISIBILITY_VEST],
    place: 'Kaupungin puistot ja koulujen pihat',
    units: ['PKP-ULKO'],
  },
  {
    code: 'VIH-02',
    field: WorkField.GROUNDS_AND_PROPERTY_CARE,
    level: 2,
    name: localized('Nurmikon leikkuu ja reunojen siistiminen', 'Gräsklippning och kantputsning', 'Mowing and edge trimming'),
    description: 'Työntö- ja ajoleikkurin käyttö, trimmerillä reunojen siistiminen. Koneen käyttöön perehdytys ennen aloitusta.',
    gear: [G.SAFETY_SHOES, G.WORK_CLOTHES, G.HEARING_PROTECTION, G.SAFETY_GLASSES, G.HIGH_VISIBILITY_VEST],
    place: 'Kirjurinluoto ja keskustan puistot',
    units: ['PKP-ULKO'],
  },
  {
    code: 'VIH-03',
    field: WorkField.GROUNDS_AND_PROPERTY_CARE,
    level: 3,
    name: localized('Kiinteistön tarkastuskierros ja pienkorjaukset', 'Fastighetsrond och småreparationer', 'Property rounds and minor repairs'),
    description: 'Itsenäinen tarkastuskierros tarkistuslistalla, vikailmoitusten kirjaus ja pienet korjaukset (kalusteet, ovien säätö).',
    gear: [G.SAFETY_SHOES, G.WORK_CLOTHES, G.GLOVES],
    place: 'Kaupungin kiinteistöt, Porin keskusta',
    units: ['PKP-SISA'],
  },
  // Siivous
  {
    code: 'SII-01',
    field: WorkField.CLEANING,
    level: 1,
    name: localized(
      'Pintojen pyyhintä ja roska-astioiden tyhjennys',
      'Avtorkning av ytor och tömning av soptunnor',
      'Wiping surfaces and emptying bins',
    ),
    description: 'Ohjattu ylläpitosiivouksen perustyö pareittain.',
    gear: [G.WORK_CLOTHES, G.GLOVES],
    place: 'Koulut ja toimistot',
    units: ['PKP-SIIVOUS'],
  },
  {
    code: 'SII-02',
    field: WorkField.CLEANING,
    level: 2,
    name: localized('Koneellinen ylläpitosiivous', 'Maskinell underhållsstädning', 'Machine-assisted routine cleaning'),
    description: 'Yhdistelmäkoneen ja pölynimurin käyttö, siivoussuunnitelman mukainen työ.',
    gear: [G.SAFETY_SHOES, G.WORK_CLOTHES, G.GLOVES],
    place: 'Urheilukeskus ja koulut',
    units: ['PKP-SIIVOUS'],
  },
  {
    code: 'SII-03',
    field: WorkField.CLEANING,
    level: 3,
    name: localized('Perussiivous ja lattianhoito', 'Grundstädning och golvvård', 'Deep cleaning and floor care'),
    description: 'Kesäajan perussiivous: vahanpoisto, lattioiden suojaus ja kalusteiden pesu; osittain itsenäinen vastuualue.',
    gear: [G.SAFETY_SHOES, G.WORK_CLOTHES, G.GLOVES, G.SAFETY_GLASSES, G.RESPIRATOR],
    place: 'Koulut kesätauolla',
    units: ['PKP-SIIVOUS'],
  },
  // Ruokapalvelut
  {
    code: 'RUO-01',
    field: WorkField.FOOD_SERVICES,
    level: 1,
    name: localized('Astiahuolto', 'Diskhantering', 'Dishwashing'),
    description: 'Astioiden lajittelu, koneellinen pesu ja hyllytys keskuskeittiössä.',
    gear: [G.SAFETY_SHOES, G.WORK_CLOTHES, G.GLOVES],
    place: 'Keskuskeittiö, Itäpuisto',
    units: ['RCA-HYGIENIA'],
  },
  {
    code: 'RUO-02',
    field: WorkField.FOOD_SERVICES,
    level: 2,
    name: localized('Salaattien ja kylmien ruokien valmistus', 'Beredning av sallader och kall mat', 'Preparing salads and cold dishes'),
    description: 'Kasvisten esikäsittely ja salaattipöydän kokoaminen omavalvontaohjeen mukaan. Hygieniapassi suositeltava.',
    gear: [G.SAFETY_SHOES, G.WORK_CLOTHES],
    place: 'Keskuskeittiö ja palvelukeskus Kaarisilta',
    units: ['RCA-RUOKA', 'RCA-HYGIENIA'],
  },
  {
    code: 'RUO-03',
    field: WorkField.FOOD_SERVICES,
    level: 3,
    name: localized(
      'Lounaslinjaston hoito ja asiakaspalvelu',
      'Skötsel av lunchlinje och kundservice',
      'Running the lunch line and serving customers',
    ),
    description: 'Linjaston täyttö, erityisruokavalioiden huomiointi ja asiakaspalvelu ruokasalissa.',
    gear: [G.SAFETY_SHOES, G.WORK_CLOTHES],
    place: 'Palvelukeskus Kaarisilta',
    units: ['RCA-ASPA', 'RCA-RUOKA'],
  },
  // Tyhjennys- ja muuttotyöt
  {
    code: 'MUU-01',
    field: WorkField.CLEARING_AND_MOVING,
    level: 1,
    name: localized('Tilatyhjennys ja lajittelu', 'Tömning och sortering av lokaler', 'Clearing and sorting rooms'),
    description: 'Poistuvan irtaimiston kantaminen ja lajittelu kierrätykseen, käyttöön tai jätteeksi.',
    gear: [G.SAFETY_SHOES, G.WORK_CLOTHES, G.GLOVES],
    place: 'Kaupungin kiinteistöt',
    units: ['LOG-MUUTTO', 'PKP-KIERTO'],
  },
  {
    code: 'MUU-02',
    field: WorkField.CLEARING_AND_MOVING,
    level: 2,
    name: localized('Kalustesiirrot talon sisällä', 'Möbelflyttningar inom byggnaden', 'Moving furniture within a building'),
    description: 'Kalusteiden purku, siirto ja kokoaminen nostoapuvälineillä. Ei vaadi kuljetusta.',
    gear: [G.SAFETY_SHOES, G.WORK_CLOTHES, G.GLOVES],
    place: 'Koulut, kirjasto ja museo',
    units: ['LOG-MUUTTO'],
  },
  {
    code: 'MUU-03',
    field: WorkField.CLEARING_AND_MOVING,
    level: 3,
    name: localized('Toimipisteen muuton valmistelu ja pakkaus', 'Förberedelse och packning inför flytt', 'Preparing and packing an office move'),
    description: 'Muuton suunnittelu tiimin kanssa, pakkaus, merkintä ja kuljetuksen järjestäminen. Kuljetus järjestettävä erikseen.',
    gear: [G.SAFETY_SHOES, G.WORK_CLOTHES, G.GLOVES],
    transport: true,
    place: 'Toimipisteet eri puolilla Poria',
    units: ['LOG-MUUTTO', 'LOG-VARASTO'],
  },
  // Kone- ja laitehuolto
  {
    code: 'KON-01',
    field: WorkField.MACHINE_MAINTENANCE,
    level: 1,
    name: localized('Polkupyörien perushuolto', 'Grundservice av cyklar', 'Basic bicycle servicing'),
    description: 'Kaupungin työsuhdepyörien ja kaupunkipyörien puhdistus, voitelu ja rengaspaikkaus.',
    gear: [G.WORK_CLOTHES, G.GLOVES],
    place: 'Nuorten työpaja Osaamo',
    units: ['LOG-HUOLTO'],
  },
  {
    code: 'KON-02',
    field: WorkField.MACHINE_MAINTENANCE,
    level: 2,
    name: localized('Ruohonleikkureiden kausihuolto', 'Säsongsservice av gräsklippare', 'Seasonal servicing of lawnmowers'),
    description: 'Öljynvaihto, terien teroitus ja ilmansuodattimien vaihto huolto-ohjelman mukaan.',
    gear: [G.SAFETY_SHOES, G.WORK_CLOTHES, G.GLOVES, G.SAFETY_GLASSES],
    place: 'Kone- ja laitekorjaamo',
    units: ['LOG-HUOLTO', 'PKP-ULKO'],
  },
  {
    code: 'KON-03',
    field: WorkField.MACHINE_MAINTENANCE,
    level: 3,
    name: localized(
      'Pienkoneiden vianetsintä ja korjaus',
      'Felsökning och reparation av småmaskiner',
      'Troubleshooting and repairing small machines',
    ),
    description: 'Trimmereiden, lehtipuhaltimien ja moottorisahojen vianetsintä ja korjaus työnjohtajan hyväksymällä tavalla.',
    gear: [G.SAFETY_SHOES, G.WORK_CLOTHES, G.GLOVES, G.SAFETY_GLASSES, G.HEARING_PROTECTION],
    place: 'Kone- ja laitekorjaamo',
    units: ['LOG-HUOLTO'],
  },
  // Kierrätys ja kiertotalous
  {
    code: 'KIE-01',
    field: WorkField.RECYCLING,
    level: 1,
    name: localized('Tekstiilien lajittelu', 'Sortering av textilier', 'Sorting textiles'),
    description: 'Lahjoitettujen tekstiilien lajittelu myyntiin, uusiokäyttöön ja poistoon.',
    gear: [G.WORK_CLOTHES, G.GLOVES],
    place: 'Kiertotalouskeskus, Ruosniemi',
    units: ['PKP-KIERTO'],
  },
  {
    code: 'KIE-02',
    field: WorkField.RECYCLING,
    level: 2,
    name: localized('Kalusteiden kunnostus kiertoon', 'Renovering av möbler för återbruk', 'Refurbishing furniture for reuse'),
    description: 'Koulujen ja virastojen poistokalusteiden hionta, maalaus ja pienkorjaus kaupungin sisäiseen kiertoon.',
    gear: [G.SAFETY_SHOES, G.WORK_CLOTHES, G.GLOVES, G.RESPIRATOR, G.SAFETY_GLASSES],
    place: 'Kiertotalouskeskus, Ruosniemi',
    units: ['PKP-KIERTO', 'PKP-SISA'],
  },
  {
    code: 'KIE-03',
    field: WorkField.RECYCLING,
    level: 3,
    name: localized('Elektroniikkaromun purku ja materiaalien erottelu', 'Demontering av elektronikskrot', 'Dismantling electronic waste'),
    description: 'Poistettujen laitteiden purku, vaarallisten osien tunnistus ja erottelu. Tietojen hävityksestä huolehtii ICT.',
    gear: [G.SAFETY_SHOES, G.WORK_CLOTHES, G.GLOVES, G.SAFETY_GLASSES],
    place: 'Kiertotalouskeskus, Ruosniemi',
    units: ['PKP-KIERTO'],
  },
  // Avustaminen kouluissa ja varhaiskasvatuksessa
  {
    code: 'KAS-01',
    field: WorkField.SCHOOL_AND_EARLY_EDUCATION_ASSISTANCE,
    level: 1,
    name: localized(
      'Välituntivalvonnassa ja ruokailussa avustaminen',
      'Assistans vid rastövervakning och måltider',
      'Assisting with break supervision and school meals',
    ),
    description: 'Aikuisen läsnäolo välitunneilla ja ruokalassa opettajan ohjauksessa.',
    gear: [G.HIGH_VISIBILITY_VEST],
    place: 'Cygnaeuksen koulu',
    units: ['KAS-OHJAUS'],
  },
  {
    code: 'KAS-02',
    field: WorkField.SCHOOL_AND_EARLY_EDUCATION_ASSISTANCE,
    level: 2,
    name: localized('Päiväkodin arjessa avustaminen', 'Assistans i daghemmets vardag', 'Assisting in daily life at a day-care centre'),
    description: 'Ulkoilussa, pukemisessa ja ruokailussa avustaminen, leikkivälineiden huolto.',
    gear: [],
    place: 'Päiväkoti Tuulikello',
    units: ['KAS-OHJAUS', 'KAS-TUKI'],
  },
  {
    code: 'KAS-03',
    field: WorkField.SCHOOL_AND_EARLY_EDUCATION_ASSISTANCE,
    level: 3,
    name: localized(
      'Oppimisen tukeminen luokassa ja kerhotoiminta',
      'Stöd för lärande i klassen och klubbverksamhet',
      'Supporting learning in class and running clubs',
    ),
    description: 'Pienryhmän tukeminen opettajan suunnitelman mukaan ja iltapäiväkerhon ohjaaminen.',
    gear: [],
    place: 'Cygnaeuksen koulu',
    units: ['KAS-TUKI'],
  },
  // Toimistotyö
  {
    code: 'TOI-01',
    field: WorkField.OFFICE_WORK,
    level: 1,
    name: localized('Postin ja materiaalien lajittelu', 'Sortering av post och material', 'Sorting mail and materials'),
    description: 'Sisäisen postin ja esitteiden lajittelu ja jakelu toimipisteisiin kävellen.',
    gear: [],
    place: 'Kirjasto ja valmennusympäristö',
    units: ['KAS-TOIMISTO'],
  },
  {
    code: 'TOI-02',
    field: WorkField.OFFICE_WORK,
    level: 2,
    name: localized('Asiakirjojen skannaus ja arkistointi', 'Skanning och arkivering av dokument', 'Scanning and archiving documents'),
    description: 'Arkistoaineiston järjestäminen, skannaus ja metatietojen tallennus ohjeen mukaan. Vaitiolositoumus.',
    gear: [],
    place: 'Satakunnan Museo ja pääkirjasto',
    units: ['KAS-TOIMISTO', 'LOG-VARASTO'],
  },
  {
    code: 'TOI-03',
    field: WorkField.OFFICE_WORK,
    level: 3,
    name: localized('Tietojen tallennus ja asiakasneuvonta', 'Dataregistrering och kundrådgivning', 'Data entry and customer advice'),
    description: 'Tapahtumailmoittautumisten käsittely ja asiakasneuvonta infopisteessä.',
    gear: [],
    place: 'Pääkirjaston infopiste',
    units: ['KAS-TOIMISTO'],
  },
];

/** 3–4 items per dimension, scored 1–5 (mittaristo of Siun sote and Karelia UAS). */
const DIMENSIONS: Array<{ code: CapacityDimension; name: LocalizedText; items: Array<{ code: string; text: LocalizedText }> }> = [
  {
    code: CapacityDimension.PHYSICAL,
    name: localized('Fyysinen toimintakyky', 'Fysisk funktionsförmåga', 'Physical functioning'),
    items: [
      {
        code: 'PHY-1',
        text: localized(
          'Jaksaa työpäivän ilman ylimääräisiä taukoja',
          'Orkar arbetsdagen utan extra pauser',
          'Manages a working day without extra breaks',
        ),
      },
      {
        code: 'PHY-2',
        text: localized(
          'Selviytyy nostoista ja liikkumisesta työtehtävissä',
          'Klarar lyft och förflyttningar i arbetet',
          'Copes with lifting and moving about at work',
        ),
      },
      {
        code: 'PHY-3',
        text: localized('Huolehtii unesta, ravinnosta ja levosta', 'Sköter sömn, kost och vila', 'Looks after sleep, nutrition and rest'),
      },
    ],
  },
  {
    code: CapacityDimension.PSYCHOLOGICAL,
    name: localized('Psyykkinen toimintakyky', 'Psykisk funktionsförmåga', 'Psychological functioning'),
    items: [
      {
        code: 'PSY-1',
        text: localized(
          'Sietää muutoksia ja odottamattomia tilanteita',
          'Tål förändringar och oväntade situationer',
          'Tolerates change and unexpected situations',
        ),
      },
      { code: 'PSY-2', text: localized('Luottaa omiin kykyihinsä', 'Litar på sin egen förmåga', 'Trusts own abilities') },
      {
        code: 'PSY-3',
        text: localized(
          'Tunnistaa kuormittumisen ja hakee tarvittaessa tukea',
          'Känner igen belastning och söker stöd vid behov',
          'Recognises strain and seeks support when needed',
        ),
      },
      { code: 'PSY-4', text: localized('Motivaatio ja tavoitteellisuus', 'Motivation och målinriktning', 'Motivation and goal orientation') },
    ],
  },
  {
    code: CapacityDimension.SOCIAL,
    name: localized('Sosiaalinen toimintakyky', 'Social funktionsförmåga', 'Social functioning'),
    items: [
      { code: 'SOC-1', text: localized('Toimii ryhmässä ja tiimissä', 'Fungerar i grupp och team', 'Works in a group and a team') },
      { code: 'SOC-2', text: localized('Vastaanottaa palautetta ja ohjausta', 'Tar emot respons och handledning', 'Receives feedback and guidance') },
      {
        code: 'SOC-3',
        text: localized('Asioi ja kommunikoi työyhteisössä', 'Kommunicerar i arbetsgemenskapen', 'Communicates in the work community'),
      },
    ],
  },
  {
    code: CapacityDimension.COGNITIVE,
    name: localized('Kognitiivinen toimintakyky', 'Kognitiv funktionsförmåga', 'Cognitive functioning'),
    items: [
      {
        code: 'COG-1',
        text: localized('Ymmärtää ja muistaa työohjeet', 'Förstår och minns arbetsinstruktioner', 'Understands and remembers instructions'),
      },
      {
        code: 'COG-2',
        text: localized(
          'Keskittyy tehtävään ja saa sen valmiiksi',
          'Koncentrerar sig på uppgiften och slutför den',
          'Concentrates on a task and finishes it',
        ),
      },
      {
        code: 'COG-3',
        text: localized('Suunnittelee ja jäsentää omaa työtään', 'Planerar och strukturerar sitt arbete', 'Plans and structures own work'),
      },
    ],
  },
  {
    code: CapacityDimension.WORK_SKILLS,
    name: localized('Työelämätaidot', 'Arbetslivsfärdigheter', 'Working-life skills'),
    items: [
      {
        code: 'WRK-1',
        text: localized('Täsmällisyys ja poissaoloista ilmoittaminen', 'Punktlighet och anmälan av frånvaro', 'Punctuality and reporting absences'),
      },
      {
        code: 'WRK-2',
        text: localized('Noudattaa työturvallisuusohjeita', 'Följer arbetssäkerhetsanvisningar', 'Follows occupational safety instructions'),
      },
      { code: 'WRK-3', text: localized('Työn laatu ja huolellisuus', 'Arbetets kvalitet och noggrannhet', 'Quality and care of work') },
      { code: 'WRK-4', text: localized('Oma-aloitteisuus', 'Initiativförmåga', 'Initiative') },
    ],
  },
];

export async function seedCatalogue(ctx: SeedContext): Promise<Catalogue> {
  const qualificationRows: Row<Qualification>[] = [];
  const unitRows: Row<QualificationUnit>[] = [];
  const requirementRows: Row<CompetenceRequirement>[] = [];
  const unitsByKey = new Map<string, SeededQualificationUnit>();
  let requirementNumber = 4100;
  for (const qualification of QUALIFICATIONS) {
    const qualificationId = ctx.id();
    qualificationRows.push({
      id: qualificationId,
      externalId: qualification.externalId,
      diaryNumber: qualification.diaryNumber,
      name: qualification.name,
    });
    for (const unit of qualification.units) {
      const seeded: SeededQualificationUnit = {
        id: ctx.id(),
        key: unit.key,
        externalId: unit.externalId,
        name: unit.name.fi,
        qualificationExternalId: qualification.externalId,
        diaryNumber: qualification.diaryNumber,
        requirements: unit.requirements.map((text) => ({
          id: ctx.id(),
          code: `ammattitaitovaatimukset_${requirementNumber++}`,
          text: `Opiskelija ${text}.`,
        })),
      };
      unitsByKey.set(unit.key, seeded);
      unitRows.push({ id: seeded.id, qualificationId, externalId: unit.externalId, name: unit.name, competencePoints: unit.points });
      for (const requirement of seeded.requirements)
        requirementRows.push({ id: requirement.id, unitId: seeded.id, code: requirement.code, text: requirement.text });
    }
  }
  await ctx.insert(Qualification, qualificationRows);
  await ctx.insert(QualificationUnit, unitRows);
  await ctx.insert(CompetenceRequirement, requirementRows);

  const tasks: SeededTask[] = TASKS.map((task) => ({
    id: ctx.id(),
    code: task.code,
    name: task.name,
    field: task.field,
    difficultyLevel: task.level,
    typicalPlace: task.place,
    transportNeeded: task.transport ?? false,
    units: task.units.map((key) => {
      const unit = unitsByKey.get(key);
      if (!unit) throw new Error(`task ${task.code} names an unknown qualification unit ${key}`);
      return unit;
    }),
  }));
  await ctx.insert(
    Task,
    tasks.map((task, index) => ({
      id: task.id,
      code: task.code,
      name: task.name,
      description: TASKS[index].description,
      field: task.field,
      difficultyLevel: task.difficultyLevel,
      protectiveGear: TASKS[index].gear,
      transportNeeded: task.transportNeeded,
      typicalPlace: task.typicalPlace,
      active: true,
    })),
  );
  // The join table of Task.qualificationUnits has no entity of its own.
  const links = tasks.flatMap((task) => task.units.map((unit) => [task.id, unit.id] as const));
  await ctx.manager.query('INSERT INTO task_qualification_unit (task_id, qualification_unit_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])', [
    links.map(([taskId]) => taskId),
    links.map(([, unitId]) => unitId),
  ]);

  const instrumentId = ctx.id();
  await ctx.insert(CapacityInstrument, [
    {
      id: instrumentId,
      code: 'TTK-MITTARISTO',
      version: 1,
      name: localized('Työ- ja toimintakyvyn mittaristo', 'Mätare för arbets- och funktionsförmåga', 'Work and functional capacity meter'),
      source: 'Siun sote ja Karelia-ammattikorkeakoulu: Kuntouttavan työtoiminnan maakunnallinen kehittäminen -hanke',
    },
  ]);
  const dimensionRows: Row<CapacityDimensionDefinition>[] = [];
  const itemRows: Row<CapacityItem>[] = [];
  const capacityItems: SeededCapacityItem[] = [];
  DIMENSIONS.forEach((dimension, dimensionIndex) => {
    const dimensionId = ctx.id();
    dimensionRows.push({ id: dimensionId, instrumentId, code: dimension.code, name: dimension.name, position: dimensionIndex + 1 });
    dimension.items.forEach((item, itemIndex) => {
      const id = ctx.id();
      itemRows.push({ id, dimensionId, code: item.code, text: item.text, position: itemIndex + 1 });
      capacityItems.push({ id, dimension: dimension.code });
    });
  });
  await ctx.insert(CapacityDimensionDefinition, dimensionRows);
  await ctx.insert(CapacityItem, itemRows);

  return { tasks, qualificationUnits: [...unitsByKey.values()], instrumentId, capacityItems };
}

/**
 * A Kykyviisari-like meter: the person assesses their own functioning, so it has a
 * self-assessment form (the trainee answers it through `recordSelfAssessment`). National, like
 * Kykyviisari; its items here are the demo's own wording. Seeded last, so that the ids of the
 * rest of the demo stay what they were before it.
 */
const SELF_ASSESSMENT_DIMENSIONS: Array<{ code: string; name: LocalizedText; items: Array<{ code: string; text: LocalizedText }> }> = [
  {
    code: 'HEALTH',
    name: localized('Terveys ja jaksaminen', 'Hälsa och ork', 'Health and coping'),
    items: [
      { code: 'KV-1', text: localized('Arvioin terveyteni hyväksi', 'Jag bedömer min hälsa som god', 'I rate my health as good') },
      { code: 'KV-2', text: localized('Jaksan arjessa hyvin', 'Jag orkar bra i vardagen', 'I cope well in everyday life') },
    ],
  },
  {
    code: 'WORK',
    name: localized('Työ ja osaaminen', 'Arbete och kompetens', 'Work and competence'),
    items: [
      { code: 'KV-3', text: localized('Osaamiseni riittää työhön', 'Min kompetens räcker för arbetet', 'My skills are enough for the work') },
      {
        code: 'KV-4',
        text: localized('Tulen toimeen työkavereiden kanssa', 'Jag kommer överens med arbetskamraterna', 'I get on with my co-workers'),
      },
    ],
  },
];

export async function seedSelfAssessmentMeter(ctx: SeedContext): Promise<void> {
  const instrumentId = ctx.id();
  await ctx.insert(CapacityInstrument, [
    {
      id: instrumentId,
      code: 'KYKYVIISARI',
      version: 1,
      name: localized('Kykyviisari (itsearviointi)', 'Kykyviisari (självbedömning)', 'Kykyviisari (self-assessment)'),
      source: 'Terveyden ja hyvinvoinnin laitos: Kykyviisari, toimintakyvyn itsearviointi',
      selfAssessmentForm: true,
    },
  ]);
  const dimensions: Row<CapacityDimensionDefinition>[] = [];
  const items: Row<CapacityItem>[] = [];
  SELF_ASSESSMENT_DIMENSIONS.forEach((dimension, dimensionIndex) => {
    const dimensionId = ctx.id();
    dimensions.push({ id: dimensionId, instrumentId, code: dimension.code, name: dimension.name, position: dimensionIndex + 1 });
    dimension.items.forEach((item, itemIndex) =>
      items.push({ id: ctx.id(), dimensionId, code: item.code, text: item.text, position: itemIndex + 1 }),
    );
  });
  await ctx.insert(CapacityDimensionDefinition, dimensions);
  await ctx.insert(CapacityItem, items);
}
