import { DataSource, In } from 'typeorm';

import type { Actor } from '../../platform/auth/actor';
import { badInput, conflict, notFound, PlatformReason } from '../../platform/errors';
import type { HistoryService } from '../history/history.service';
import { byIdLoader } from '../shared/loaders';
import { Connection, PageArgs, paginate } from '../shared/pagination';
import { containsPattern } from '../shared/search';
import { assertBusinessId } from './business-id';
import {
  CaseManager,
  Department,
  EmploymentArea,
  EmploymentAreaOrganisation,
  Organisation,
  PartnerCompany,
  SubsidyType,
  WorkUnit,
} from './organisation.entities';
import {
  CreateCaseManagerInput,
  CreateDepartmentInput,
  CreateEmploymentAreaInput,
  CreateOrganisationInput,
  CreatePartnerCompanyInput,
  CreateWorkUnitInput,
  LinkEmploymentAreaInput,
  UpdateOrganisationSettingsInput,
} from './organisation.inputs';
import { OrganisationReason } from './organisation.reasons';
import { isNationalSubsidyType, subsidyTypesOf } from './subsidy-types';

export interface WorkUnitFilter {
  departmentId?: string | null;
  search?: string | null;
}

/** An organisation's settings with the deployment's defaults filled in where it keeps none of its own. */
export interface EffectiveSettings {
  expenseAllowanceCentsPerDay: number;
  retentionYears: number;
  subsidyTypes: SubsidyType[];
  /** The national wage subsidies, then the organisation's own. */
  availableSubsidyTypes: SubsidyType[];
  intakeStaffIds: string[];
}

/**
 * Organisations (the controllers) and what each owns: departments, units, partner companies, and
 * the employment areas that refer clients to it. Every read and write here is bounded by the
 * organisation it is given; the resolvers give the caller's.
 */
export class OrganisationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: HistoryService,
    private readonly defaults: { expenseAllowanceCentsPerDay: number; retentionYears: number } = {
      expenseAllowanceCentsPerDay: 900,
      retentionYears: 10,
    },
  ) {}

  organisations(): Promise<Organisation[]> {
    return this.dataSource.getRepository(Organisation).find({ order: { name: 'ASC', id: 'ASC' } });
  }

  async createOrganisation(input: CreateOrganisationInput): Promise<Organisation> {
    const businessId = assertBusinessId(input.businessId);
    return this.dataSource.transaction(async (manager) => {
      if (await manager.getRepository(Organisation).existsBy({ businessId })) {
        throw conflict(OrganisationReason.DUPLICATE_BUSINESS_ID, 'An organisation with this business ID already exists', {
          fields: [{ path: 'input.businessId', message: 'already registered' }],
        });
      }
      const organisation = await manager.getRepository(Organisation).save({
        name: input.name.trim(),
        businessId,
        kind: input.kind,
        municipalityCodes: input.municipalityCodes,
      });
      const areaIds = [...new Set(input.employmentAreaIds)];
      const found = areaIds.length ? await manager.getRepository(EmploymentArea).countBy({ id: In(areaIds) }) : 0;
      if (found !== areaIds.length) throw badInput('input.employmentAreaIds', 'Not every employment area exists', PlatformReason.REFERENCE_NOT_FOUND);
      if (areaIds.length) {
        await manager
          .getRepository(EmploymentAreaOrganisation)
          .insert(areaIds.map((employmentAreaId) => ({ employmentAreaId, organisationId: organisation.id })));
      }
      return organisation;
    });
  }

  async updateSettings(organisationId: string, input: UpdateOrganisationSettingsInput, actor: Actor): Promise<Organisation> {
    const repository = this.dataSource.getRepository(Organisation);
    const organisation = await repository.findOneBy({ id: organisationId });
    if (!organisation) throw notFound('Organisation', organisationId);
    const intakeBefore = intakeTeamState(organisation.intakeStaffIds);
    const intakeAfter = input.intakeStaffIds ? intakeTeamState(input.intakeStaffIds) : intakeBefore;
    if (intakeAfter !== intakeBefore && !input.reason?.trim()) {
      throw badInput('input.reason', 'Give a reason for the change of the intake team', OrganisationReason.INTAKE_CHANGE_REASON_REQUIRED);
    }
    if (input.subsidyTypes) {
      const codes = input.subsidyTypes.map((type) => type.code);
      const repeated = codes.findIndex((code, index) => codes.indexOf(code) !== index);
      if (repeated >= 0) throw badInput(`input.subsidyTypes[${repeated}].code`, 'Each subsidy type code once');
      const national = codes.findIndex(isNationalSubsidyType);
      if (national >= 0) {
        throw badInput(`input.subsidyTypes[${national}].code`, 'This code is a national subsidy type’s', OrganisationReason.NATIONAL_SUBSIDY_CODE);
      }
    }
    if (input.intakeStaffIds?.length) {
      const ids = [...new Set(input.intakeStaffIds)];
      const staff = await this.dataSource.query(
        `SELECT count(*)::int AS n FROM staff_member WHERE id = ANY($1::uuid[]) AND organisation_id = $2 AND role IN ('COACH', 'CAREER_AGENT')`,
        [ids, organisationId],
      );
      if (staff[0].n !== ids.length) {
        throw badInput(
          'input.intakeStaffIds',
          'Every intake processor must be a coach or career agent of the organisation',
          PlatformReason.REFERENCE_NOT_FOUND,
        );
      }
    }
    return this.dataSource.transaction(async (manager) => {
      if (intakeAfter !== intakeBefore) {
        await this.history.record(manager, {
          subjectType: 'OrganisationIntakeTeam',
          subjectId: organisationId,
          from: intakeBefore,
          to: intakeAfter,
          actor,
          reason: input.reason!.trim(),
        });
      }
      return manager.getRepository(Organisation).save({
        ...organisation,
        ...(input.name !== undefined && input.name !== null ? { name: input.name.trim() } : {}),
        ...(input.expenseAllowanceCentsPerDay !== undefined ? { expenseAllowanceCentsPerDay: input.expenseAllowanceCentsPerDay } : {}),
        ...(input.retentionYears !== undefined ? { retentionYears: input.retentionYears } : {}),
        ...(input.subsidyTypes
          ? {
              subsidyTypes: input.subsidyTypes.map((t) => ({
                code: t.code,
                name: t.name,
                percent: t.percent ?? null,
                maxMonths: t.maxMonths ?? null,
              })),
            }
          : {}),
        ...(input.intakeStaffIds ? { intakeStaffIds: [...new Set(input.intakeStaffIds)] } : {}),
      });
    });
  }

  /** What the organisation's settings come to, the deployment's defaults filled in. */
  settingsOf(organisation: Organisation): EffectiveSettings {
    return {
      expenseAllowanceCentsPerDay: organisation.expenseAllowanceCentsPerDay ?? this.defaults.expenseAllowanceCentsPerDay,
      retentionYears: organisation.retentionYears ?? this.defaults.retentionYears,
      subsidyTypes: organisation.subsidyTypes,
      availableSubsidyTypes: subsidyTypesOf(organisation.subsidyTypes),
      intakeStaffIds: organisation.intakeStaffIds,
    };
  }

  async linkEmploymentArea(input: LinkEmploymentAreaInput): Promise<Organisation> {
    const organisation = await this.dataSource.getRepository(Organisation).findOneBy({ id: input.organisationId });
    if (!organisation) throw notFound('Organisation', input.organisationId);
    await this.mustExist(EmploymentArea, input.employmentAreaId, 'EmploymentArea');
    await this.dataSource
      .getRepository(EmploymentAreaOrganisation)
      .upsert({ employmentAreaId: input.employmentAreaId, organisationId: input.organisationId }, ['employmentAreaId', 'organisationId']);
    return organisation;
  }

  departments(organisationId: string): Promise<Department[]> {
    return this.dataSource.getRepository(Department).find({ where: { organisationId }, order: { code: 'ASC' } });
  }

  workUnits(organisationId: string, filter: WorkUnitFilter, page: PageArgs): Promise<Connection<WorkUnit>> {
    const query = this.dataSource
      .getRepository(WorkUnit)
      .createQueryBuilder('unit')
      .where('unit.organisationId = :organisationId', { organisationId });
    if (filter.departmentId) query.andWhere('unit.departmentId = :departmentId', { departmentId: filter.departmentId });
    if (filter.search) query.andWhere('unit.name ILIKE :search', { search: containsPattern(filter.search) });
    return paginate(query, page, [{ sql: 'unit.name', value: (u) => u.name }]);
  }

  partnerCompanies(organisationId: string, search: string | null | undefined, page: PageArgs): Promise<Connection<PartnerCompany>> {
    const query = this.dataSource
      .getRepository(PartnerCompany)
      .createQueryBuilder('company')
      .where('company.organisationId = :organisationId', { organisationId });
    if (search) query.andWhere('company.name ILIKE :search', { search: containsPattern(search) });
    return paginate(query, page, [{ sql: 'company.name', value: (c) => c.name }]);
  }

  /** The employment areas that refer clients to the organisation. */
  employmentAreas(organisationId: string): Promise<EmploymentArea[]> {
    return this.dataSource
      .getRepository(EmploymentArea)
      .createQueryBuilder('area')
      .where('area.id IN (SELECT l.employment_area_id FROM employment_area_organisation l WHERE l.organisation_id = :organisationId)', {
        organisationId,
      })
      .orderBy('area.name', 'ASC')
      .getMany();
  }

  async caseManagers(organisationId: string, employmentAreaId: string): Promise<CaseManager[]> {
    await this.mustRefer(organisationId, employmentAreaId, 'employmentAreaId');
    return this.dataSource.getRepository(CaseManager).find({ where: { employmentAreaId }, order: { name: 'ASC' } });
  }

  async createDepartment(organisationId: string, input: CreateDepartmentInput): Promise<Department> {
    const repository = this.dataSource.getRepository(Department);
    if (await repository.existsBy({ organisationId, code: input.code })) {
      throw conflict(PlatformReason.DUPLICATE, 'The organisation already has a department with this code', {
        fields: [{ path: 'input.code', message: 'already in use' }],
      });
    }
    return repository.save({ organisationId, code: input.code, name: input.name });
  }

  async createWorkUnit(organisationId: string, input: CreateWorkUnitInput): Promise<WorkUnit> {
    if (!(await this.dataSource.getRepository(Department).existsBy({ id: input.departmentId, organisationId }))) {
      throw notFound('Department', input.departmentId);
    }
    return this.dataSource.getRepository(WorkUnit).save({
      organisationId,
      departmentId: input.departmentId,
      name: input.name,
      address: input.address ?? null,
      unitLeadName: input.unitLeadName ?? null,
      unitLeadEmail: input.unitLeadEmail ?? null,
    });
  }

  async createPartnerCompany(organisationId: string, input: CreatePartnerCompanyInput): Promise<PartnerCompany> {
    const businessId = assertBusinessId(input.businessId);
    const repository = this.dataSource.getRepository(PartnerCompany);
    if (await repository.existsBy({ organisationId, businessId })) {
      throw conflict(OrganisationReason.DUPLICATE_BUSINESS_ID, 'A partner company with this business ID already exists', {
        fields: [{ path: 'input.businessId', message: 'already registered' }],
      });
    }
    return repository.save({
      organisationId,
      name: input.name,
      businessId,
      industry: input.industry ?? null,
      municipalityCode: input.municipalityCode ?? null,
      contactName: input.contactName ?? null,
      contactEmail: input.contactEmail ?? null,
      isNonProfit: input.isNonProfit,
    });
  }

  /** An ADMIN's new area refers clients to their organisation; the platform operator's refers to none yet. */
  createEmploymentArea(organisationId: string | undefined, input: CreateEmploymentAreaInput): Promise<EmploymentArea> {
    return this.dataSource.transaction(async (manager) => {
      const area = await manager.getRepository(EmploymentArea).save({ name: input.name, municipalityCodes: input.municipalityCodes });
      if (organisationId) await manager.getRepository(EmploymentAreaOrganisation).insert({ employmentAreaId: area.id, organisationId });
      return area;
    });
  }

  async createCaseManager(organisationId: string, input: CreateCaseManagerInput): Promise<CaseManager> {
    await this.mustRefer(organisationId, input.employmentAreaId, 'input.employmentAreaId');
    return this.dataSource.getRepository(CaseManager).save({
      employmentAreaId: input.employmentAreaId,
      name: input.name,
      email: input.email ?? null,
      phone: input.phone ?? null,
    });
  }

  createLoaders() {
    return {
      organisation: byIdLoader(this.dataSource.getRepository(Organisation)),
      department: byIdLoader(this.dataSource.getRepository(Department)),
      workUnit: byIdLoader(this.dataSource.getRepository(WorkUnit)),
      partnerCompany: byIdLoader(this.dataSource.getRepository(PartnerCompany)),
      employmentArea: byIdLoader(this.dataSource.getRepository(EmploymentArea)),
      caseManager: byIdLoader(this.dataSource.getRepository(CaseManager)),
    };
  }

  /** The area refers clients to the organisation; otherwise it is not found (from the organisation's side). */
  private async mustRefer(organisationId: string, employmentAreaId: string, path: string): Promise<void> {
    const [row] = await this.dataSource.query('SELECT 1 FROM employment_area_organisation WHERE employment_area_id = $1 AND organisation_id = $2', [
      employmentAreaId,
      organisationId,
    ]);
    if (!row) throw badInput(path, 'No employment area with this id refers clients to the organisation', PlatformReason.REFERENCE_NOT_FOUND);
  }

  private async mustExist(entity: typeof Department | typeof EmploymentArea, id: string, typeName: string): Promise<void> {
    if (!(await this.dataSource.getRepository(entity).existsBy({ id }))) throw notFound(typeName, id);
  }
}

export type OrganisationLoaders = ReturnType<OrganisationService['createLoaders']>;

/** The intake team as a history state: its staff ids sorted, or everyone's when none is named. */
function intakeTeamState(staffIds: readonly string[]): string {
  return staffIds.length ? [...new Set(staffIds)].sort().join(',') : 'ALL_COACHING_STAFF';
}
