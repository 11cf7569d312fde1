import type { DataSource } from 'typeorm';

import { conflict, notFound } from '../../platform/errors';
import { byIdLoader } from '../shared/loaders';
import { Connection, PageArgs, paginate } from '../shared/pagination';
import { containsPattern } from '../shared/search';
import { assertBusinessId } from './business-id';
import { CaseManager, Department, EmploymentArea, PartnerCompany, WorkUnit } from './organisation.entities';
import {
  CreateCaseManagerInput,
  CreateDepartmentInput,
  CreateEmploymentAreaInput,
  CreatePartnerCompanyInput,
  CreateWorkUnitInput,
} from './organisation.inputs';
import { OrganisationReason } from './organisation.reasons';

export interface WorkUnitFilter {
  departmentId?: string | null;
  search?: string | null;
}

export class OrganisationService {
  constructor(private readonly dataSource: DataSource) {}

  departments(): Promise<Department[]> {
    return this.dataSource.getRepository(Department).find({ order: { code: 'ASC' } });
  }

  workUnits(filter: WorkUnitFilter, page: PageArgs): Promise<Connection<WorkUnit>> {
    const query = this.dataSource.getRepository(WorkUnit).createQueryBuilder('unit');
    if (filter.departmentId) query.andWhere('unit.departmentId = :departmentId', { departmentId: filter.departmentId });
    if (filter.search) query.andWhere('unit.name ILIKE :search', { search: containsPattern(filter.search) });
    return paginate(query, page, [{ sql: 'unit.name', value: (u) => u.name }]);
  }

  partnerCompanies(search: string | null | undefined, page: PageArgs): Promise<Connection<PartnerCompany>> {
    const query = this.dataSource.getRepository(PartnerCompany).createQueryBuilder('company');
    if (search) query.andWhere('company.name ILIKE :search', { search: containsPattern(search) });
    return paginate(query, page, [{ sql: 'company.name', value: (c) => c.name }]);
  }

  employmentAreas(): Promise<EmploymentArea[]> {
    return this.dataSource.getRepository(EmploymentArea).find({ order: { name: 'ASC' } });
  }

  caseManagers(employmentAreaId: string): Promise<CaseManager[]> {
    return this.dataSource.getRepository(CaseManager).find({ where: { employmentAreaId }, order: { name: 'ASC' } });
  }

  async createDepartment(input: CreateDepartmentInput): Promise<Department> {
    return this.dataSource.getRepository(Department).save({ code: input.code, name: input.name });
  }

  async createWorkUnit(input: CreateWorkUnitInput): Promise<WorkUnit> {
    await this.mustExist(Department, input.departmentId, 'Department');
    return this.dataSource.getRepository(WorkUnit).save({
      departmentId: input.departmentId,
      name: input.name,
      address: input.address ?? null,
      unitLeadName: input.unitLeadName ?? null,
      unitLeadEmail: input.unitLeadEmail ?? null,
    });
  }

  async createPartnerCompany(input: CreatePartnerCompanyInput): Promise<PartnerCompany> {
    const businessId = assertBusinessId(input.businessId);
    const repository = this.dataSource.getRepository(PartnerCompany);
    if (await repository.existsBy({ businessId })) {
      throw conflict(OrganisationReason.DUPLICATE_BUSINESS_ID, 'A partner company with this business ID already exists', {
        fields: [{ path: 'input.businessId', message: 'already registered' }],
      });
    }
    return repository.save({
      name: input.name,
      businessId,
      industry: input.industry ?? null,
      municipalityCode: input.municipalityCode ?? null,
      contactName: input.contactName ?? null,
      contactEmail: input.contactEmail ?? null,
      isNonProfit: input.isNonProfit,
    });
  }

  createEmploymentArea(input: CreateEmploymentAreaInput): Promise<EmploymentArea> {
    return this.dataSource.getRepository(EmploymentArea).save({ name: input.name, municipalityCodes: input.municipalityCodes });
  }

  async createCaseManager(input: CreateCaseManagerInput): Promise<CaseManager> {
    await this.mustExist(EmploymentArea, input.employmentAreaId, 'EmploymentArea');
    return this.dataSource.getRepository(CaseManager).save({
      employmentAreaId: input.employmentAreaId,
      name: input.name,
      email: input.email ?? null,
      phone: input.phone ?? null,
    });
  }

  createLoaders() {
    return {
      department: byIdLoader(this.dataSource.getRepository(Department)),
      workUnit: byIdLoader(this.dataSource.getRepository(WorkUnit)),
      partnerCompany: byIdLoader(this.dataSource.getRepository(PartnerCompany)),
      employmentArea: byIdLoader(this.dataSource.getRepository(EmploymentArea)),
      caseManager: byIdLoader(this.dataSource.getRepository(CaseManager)),
    };
  }

  private async mustExist(entity: typeof Department | typeof EmploymentArea, id: string, typeName: string): Promise<void> {
    if (!(await this.dataSource.getRepository(entity).existsBy({ id }))) throw notFound(typeName, id);
  }
}

export type OrganisationLoaders = ReturnType<OrganisationService['createLoaders']>;
