import { CaseManager, Department, EmploymentArea, PartnerCompany, WorkUnit } from '../modules/organisation/organisation.entities';
import { localized, LocalizedText } from '../modules/shared/localized-text';
import { StaffMember, StaffRole } from '../modules/staff/staff.entity';
import type { Actor, SeedContext } from './context';
import { businessIdFor } from './identifiers';

export const MUNICIPALITY_PORI = '609';

export interface SeededArea {
  id: string;
  name: string;
  municipalityCodes: string[];
  caseManagers: Array<{ id: string; name: string; email: string }>;
}

export interface SeededUnit {
  id: string;
  departmentCode: string;
  name: string;
  address: string;
  leadName: string;
  leadEmail: string;
  /** Work fields the unit typically orders. */
  orders: string[];
}

export interface SeededCompany {
  id: string;
  name: string;
  businessId: string;
  isNonProfit: boolean;
  contactName: string;
  contactEmail: string;
  industry: string;
}

export interface SeededStaff {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  caseloadMin: number;
  caseloadMax: number;
  active: boolean;
  /** The token subject used in history rows and authorship fields. */
  actor: Actor;
}

export interface Organisation {
  areas: SeededArea[];
  /** The main area (Porin seudun työllisyysalue). */
  area: SeededArea;
  units: SeededUnit[];
  companies: SeededCompany[];
  coaches: SeededStaff[];
  careerAgents: SeededStaff[];
}

const email = (name: string, domain = 'pori.example') =>
  `${name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, '.')}@${domain}`;

const AREAS = [
  {
    name: 'Porin seudun työllisyysalue',
    // Pori, Harjavalta, Huittinen, Kokemäki, Merikarvia, Nakkila, Pomarkku, Ulvila.
    codes: ['609', '079', '102', '271', '484', '531', '608', '886'],
    managers: ['Heidi Saarinen', 'Jukka Lehtonen', 'Tiina Kallio', 'Sanna Mäkelä', 'Ahmed Hassan'],
  },
  {
    // A second, neighbouring area so that area-scoped visibility has something to hide.
    name: 'Rauman seudun työllisyysalue',
    codes: ['684', '050', '051'],
    managers: ['Marja Vuorinen'],
  },
];

const DEPARTMENTS: Array<{ code: string; name: LocalizedText }> = [
  { code: 'TEKNINEN', name: localized('Tekninen toimiala', 'Tekniska sektorn', 'Technical Services') },
  { code: 'SIVISTYS', name: localized('Sivistystoimiala', 'Bildningssektorn', 'Education Services') },
  {
    code: 'HYVINVOINTI',
    name: localized('Hyvinvointi- ja työllisyyspalvelut', 'Välfärds- och sysselsättningstjänster', 'Wellbeing and Employment Services'),
  },
  { code: 'KULTTUURI', name: localized('Kulttuuri- ja vapaa-aikapalvelut', 'Kultur- och fritidstjänster', 'Culture and Leisure Services') },
  { code: 'TILAPALVELU', name: localized('Porin Tilapalvelu', 'Björneborgs lokalservice', 'City Premises Services') },
];

const UNITS: Array<Omit<SeededUnit, 'id' | 'leadEmail'>> = [
  {
    departmentCode: 'TEKNINEN',
    name: 'Puistotoimi, viheralueiden hoito',
    address: 'Tiilimäenkatu 4, 28130 Pori',
    leadName: 'Kari Nieminen',
    orders: ['GROUNDS_AND_PROPERTY_CARE', 'MACHINE_MAINTENANCE'],
  },
  {
    departmentCode: 'TEKNINEN',
    name: 'Katujen kunnossapito',
    address: 'Tiilimäenkatu 4, 28130 Pori',
    leadName: 'Petri Salonen',
    orders: ['GROUNDS_AND_PROPERTY_CARE'],
  },
  {
    departmentCode: 'TEKNINEN',
    name: 'Kone- ja laitekorjaamo',
    address: 'Kaarisillankatu 3, 28100 Pori',
    leadName: 'Jari Heikkilä',
    orders: ['MACHINE_MAINTENANCE'],
  },
  {
    departmentCode: 'TEKNINEN',
    name: 'Kiertotalouskeskus Kierrätys-Kaappi',
    address: 'Ruosniementie 25, 28610 Pori',
    leadName: 'Minna Rantanen',
    orders: ['RECYCLING', 'CLEARING_AND_MOVING'],
  },
  {
    departmentCode: 'SIVISTYS',
    name: 'Cygnaeuksen koulu',
    address: 'Koulukatu 15, 28100 Pori',
    leadName: 'Outi Laaksonen',
    orders: ['SCHOOL_AND_EARLY_EDUCATION_ASSISTANCE', 'CLEANING'],
  },
  {
    departmentCode: 'SIVISTYS',
    name: 'Päiväkoti Tuulikello',
    address: 'Tuulikellonkatu 6, 28400 Ulvila',
    leadName: 'Satu Koivisto',
    orders: ['SCHOOL_AND_EARLY_EDUCATION_ASSISTANCE'],
  },
  {
    departmentCode: 'SIVISTYS',
    name: 'Koulujen ruokapalvelut, keskuskeittiö',
    address: 'Itäpuisto 8, 28100 Pori',
    leadName: 'Päivi Aaltonen',
    orders: ['FOOD_SERVICES'],
  },
  {
    departmentCode: 'HYVINVOINTI',
    name: 'Valmennusympäristö Polku',
    address: 'Itsenäisyydenkatu 40, 28130 Pori',
    leadName: 'Riikka Laine',
    orders: ['OFFICE_WORK', 'RECYCLING', 'FOOD_SERVICES'],
  },
  {
    departmentCode: 'HYVINVOINTI',
    name: 'Nuorten työpaja Osaamo',
    address: 'Pohjoisranta 11, 28100 Pori',
    leadName: 'Mikko Järvinen',
    orders: ['MACHINE_MAINTENANCE', 'OFFICE_WORK'],
  },
  {
    departmentCode: 'HYVINVOINTI',
    name: 'Palvelukeskus Kaarisilta, päivätoiminta',
    address: 'Maantiekatu 38, 28120 Pori',
    leadName: 'Anne Virtanen',
    orders: ['FOOD_SERVICES', 'CLEANING'],
  },
  {
    departmentCode: 'KULTTUURI',
    name: 'Porin kaupunginkirjasto, pääkirjasto',
    address: 'Gallen-Kallelankatu 12, 28100 Pori',
    leadName: 'Liisa Hakala',
    orders: ['OFFICE_WORK', 'CLEARING_AND_MOVING'],
  },
  {
    departmentCode: 'KULTTUURI',
    name: 'Satakunnan Museo',
    address: 'Hallituskatu 11, 28100 Pori',
    leadName: 'Tuomas Lindqvist',
    orders: ['CLEARING_AND_MOVING', 'OFFICE_WORK'],
  },
  {
    departmentCode: 'KULTTUURI',
    name: 'Liikuntapalvelut, Porin urheilukeskus',
    address: 'Pohjoisranta 2, 28100 Pori',
    leadName: 'Ville Koskinen',
    orders: ['GROUNDS_AND_PROPERTY_CARE', 'CLEANING'],
  },
  {
    departmentCode: 'TILAPALVELU',
    name: 'Kiinteistönhoito ja -huolto',
    address: 'Valtakatu 11, 28100 Pori',
    leadName: 'Hannu Lehtinen',
    orders: ['GROUNDS_AND_PROPERTY_CARE', 'MACHINE_MAINTENANCE'],
  },
  { departmentCode: 'TILAPALVELU', name: 'Puhtauspalvelut', address: 'Valtakatu 11, 28100 Pori', leadName: 'Merja Heinonen', orders: ['CLEANING'] },
  {
    departmentCode: 'TILAPALVELU',
    name: 'Tilatyhjennykset ja kalustesiirrot',
    address: 'Herralahdenkatu 45, 28100 Pori',
    leadName: 'Timo Kettunen',
    orders: ['CLEARING_AND_MOVING', 'RECYCLING'],
  },
];

const COMPANIES: Array<Omit<SeededCompany, 'id' | 'businessId' | 'contactEmail'> & { municipalityCode: string; domain: string }> = [
  {
    name: 'Porin Kiinteistöhuolto Oy',
    industry: 'Kiinteistöpalvelut',
    municipalityCode: '609',
    contactName: 'Janne Ketola',
    isNonProfit: false,
    domain: 'porinkiinteistohuolto.example',
  },
  {
    name: 'Satakunnan Puhtauspalvelu Oy',
    industry: 'Siivous- ja puhtauspalvelut',
    municipalityCode: '609',
    contactName: 'Eija Mattila',
    isNonProfit: false,
    domain: 'sakupuhtaus.example',
  },
  {
    name: 'Ravintola Kallon Kattila Oy',
    industry: 'Ravintola- ja catering-ala',
    municipalityCode: '609',
    contactName: 'Antti Virta',
    isNonProfit: false,
    domain: 'kallonkattila.example',
  },
  {
    name: 'Länsirannikon Logistiikka Oy',
    industry: 'Varastointi ja logistiikka',
    municipalityCode: '609',
    contactName: 'Sami Hiltunen',
    isNonProfit: false,
    domain: 'lrlogistiikka.example',
  },
  {
    name: 'Ulvilan Viherpalvelu Ky',
    industry: 'Viheralueiden hoito',
    municipalityCode: '886',
    contactName: 'Leena Suominen',
    isNonProfit: false,
    domain: 'ulvilanviher.example',
  },
  {
    name: 'Kokemäenjoen Konehuolto Oy',
    industry: 'Koneiden ja laitteiden huolto',
    municipalityCode: '271',
    contactName: 'Marko Peltonen',
    isNonProfit: false,
    domain: 'kjkonehuolto.example',
  },
  {
    name: 'Harjavallan Muuttopalvelu Oy',
    industry: 'Muutto- ja kuljetuspalvelut',
    municipalityCode: '079',
    contactName: 'Jussi Ahonen',
    isNonProfit: false,
    domain: 'harjavallanmuutto.example',
  },
  {
    name: 'Hotelli Yyterin Helmi Oy',
    industry: 'Majoitus- ja ravitsemispalvelut',
    municipalityCode: '609',
    contactName: 'Sari Lundström',
    isNonProfit: false,
    domain: 'yyterinhelmi.example',
  },
  {
    name: 'Satakunnan Kierrätysyhdistys ry',
    industry: 'Kierrätys ja kiertotalous',
    municipalityCode: '609',
    contactName: 'Pirjo Nurmi',
    isNonProfit: true,
    domain: 'sakukierratys.example',
  },
  {
    name: 'Porin Seudun Työttömät ry',
    industry: 'Yhdistystoiminta, ruokapalvelu',
    municipalityCode: '609',
    contactName: 'Raimo Lahtinen',
    isNonProfit: true,
    domain: 'pstyottomat.example',
  },
];

const COACHES: Array<{ name: string; min?: number; max?: number; active?: boolean }> = [
  { name: 'Anna Mäkinen' },
  { name: 'Juha Koskela' },
  { name: 'Katja Halonen' },
  { name: 'Pekka Rinne' },
  { name: 'Laura Salminen' },
  { name: 'Tommi Vainio' },
  { name: 'Hanna Leino' },
  // Part-time (60 %): a smaller caseload of her own.
  { name: 'Noora Forsman', min: 5, max: 8 },
  // Left in the spring; still named on periods that have ended.
  { name: 'Esa Rautio', active: false },
];

const CAREER_AGENTS = ['Elina Grönroos', 'Markus Tuominen', 'Sofia Nyberg', 'Jaakko Harju'];

export async function seedOrganisation(ctx: SeedContext): Promise<Organisation> {
  const rng = ctx.rng('organisation');

  const areas: SeededArea[] = AREAS.map((area) => ({
    id: ctx.id(),
    name: area.name,
    municipalityCodes: area.codes,
    caseManagers: area.managers.map((name) => ({ id: ctx.id(), name, email: email(name) })),
  }));
  await ctx.insert(
    EmploymentArea,
    areas.map((a) => ({ id: a.id, name: a.name, municipalityCodes: a.municipalityCodes })),
  );
  await ctx.insert(
    CaseManager,
    areas.flatMap((area) =>
      area.caseManagers.map((cm) => ({
        id: cm.id,
        employmentAreaId: area.id,
        name: cm.name,
        email: cm.email,
        phone: `+358 44 701 ${rng.int(1000, 9999)}`,
      })),
    ),
  );

  const departmentIds = new Map(DEPARTMENTS.map((d) => [d.code, ctx.id()]));
  await ctx.insert(
    Department,
    DEPARTMENTS.map((d) => ({ id: departmentIds.get(d.code)!, code: d.code, name: d.name })),
  );

  const units: SeededUnit[] = UNITS.map((unit) => ({ ...unit, id: ctx.id(), leadEmail: email(unit.leadName) }));
  await ctx.insert(
    WorkUnit,
    units.map((u) => ({
      id: u.id,
      departmentId: departmentIds.get(u.departmentCode)!,
      name: u.name,
      address: u.address,
      unitLeadName: u.leadName,
      unitLeadEmail: u.leadEmail,
    })),
  );

  const usedBusinessIds = new Set<string>();
  const companies: SeededCompany[] = COMPANIES.map((company) => {
    let businessId = businessIdFor(rng);
    while (usedBusinessIds.has(businessId)) businessId = businessIdFor(rng);
    usedBusinessIds.add(businessId);
    return {
      id: ctx.id(),
      name: company.name,
      businessId,
      isNonProfit: company.isNonProfit,
      contactName: company.contactName,
      contactEmail: email(company.contactName, company.domain),
      industry: company.industry,
    };
  });
  await ctx.insert(
    PartnerCompany,
    companies.map((c, index) => ({
      id: c.id,
      name: c.name,
      businessId: c.businessId,
      industry: c.industry,
      municipalityCode: COMPANIES[index].municipalityCode,
      contactName: c.contactName,
      contactEmail: c.contactEmail,
      isNonProfit: c.isNonProfit,
    })),
  );

  const staff = (name: string, role: StaffRole, min = 8, max = 12, active = true): SeededStaff => {
    const address = email(name);
    return { id: ctx.id(), name, email: address, role, caseloadMin: min, caseloadMax: max, active, actor: { userId: address, role } };
  };
  const coaches = COACHES.map((c) => staff(c.name, StaffRole.COACH, c.min, c.max, c.active));
  const careerAgents = CAREER_AGENTS.map((name) => staff(name, StaffRole.CAREER_AGENT));
  await ctx.insert(
    StaffMember,
    [...coaches, ...careerAgents].map((s) => ({
      id: s.id,
      name: s.name,
      email: s.email,
      role: s.role,
      caseloadMin: s.caseloadMin,
      caseloadMax: s.caseloadMax,
      active: s.active,
    })),
  );

  return { areas, area: areas[0], units, companies, coaches, careerAgents };
}
