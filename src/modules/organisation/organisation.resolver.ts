import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';

import { notFound } from '../../platform/errors';
import type { RequestContext } from '../access/request-context';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { CaseManager, Department, EmploymentArea, PartnerCompany, WorkUnit } from './organisation.entities';
import {
  CreateCaseManagerInput,
  CreateDepartmentInput,
  CreateEmploymentAreaInput,
  CreatePartnerCompanyInput,
  CreateWorkUnitInput,
} from './organisation.inputs';
import type { OrganisationLoaders, OrganisationService } from './organisation.service';

/** The loaders these resolvers read. */
type Context = RequestContext<OrganisationLoaders>;

const WorkUnitConnection = ConnectionType(WorkUnit, 'WorkUnit');
const PartnerCompanyConnection = ConnectionType(PartnerCompany, 'PartnerCompany');

@ObjectType()
class DepartmentPayload {
  @Field(() => Department)
  department: Department;
}

@ObjectType()
class WorkUnitPayload {
  @Field(() => WorkUnit)
  workUnit: WorkUnit;
}

@ObjectType()
class PartnerCompanyPayload {
  @Field(() => PartnerCompany)
  partnerCompany: PartnerCompany;
}

@ObjectType()
class EmploymentAreaPayload {
  @Field(() => EmploymentArea)
  employmentArea: EmploymentArea;
}

@ObjectType()
class CaseManagerPayload {
  @Field(() => CaseManager)
  caseManager: CaseManager;
}

@Resolver()
export class OrganisationResolver {
  constructor(private readonly organisationService: OrganisationService) {}

  @Query(() => [Department])
  departments(): Promise<Department[]> {
    return this.organisationService.departments();
  }

  @Query(() => WorkUnitConnection)
  workUnits(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Arg('departmentId', () => ID, { nullable: true }) departmentId?: string,
    @Arg('search', () => String, { nullable: true }) search?: string,
  ) {
    return this.organisationService.workUnits({ departmentId, search }, page);
  }

  @Query(() => WorkUnit)
  async workUnit(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<WorkUnit> {
    return (await ctx.loaders.workUnit.load(id)) ?? Promise.reject(notFound('WorkUnit', id));
  }

  @Query(() => PartnerCompanyConnection)
  partnerCompanies(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Arg('search', () => String, { nullable: true }) search?: string) {
    return this.organisationService.partnerCompanies(search, page);
  }

  @Query(() => PartnerCompany)
  async partnerCompany(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<PartnerCompany> {
    return (await ctx.loaders.partnerCompany.load(id)) ?? Promise.reject(notFound('PartnerCompany', id));
  }

  @Query(() => [EmploymentArea])
  employmentAreas(): Promise<EmploymentArea[]> {
    return this.organisationService.employmentAreas();
  }

  @Query(() => [CaseManager])
  caseManagers(@Arg('employmentAreaId', () => ID) employmentAreaId: string): Promise<CaseManager[]> {
    return this.organisationService.caseManagers(employmentAreaId);
  }

  @Mutation(() => DepartmentPayload)
  async createDepartment(@Arg('input', () => CreateDepartmentInput) input: CreateDepartmentInput) {
    return { department: await this.organisationService.createDepartment(input) };
  }

  @Mutation(() => WorkUnitPayload)
  async createWorkUnit(@Arg('input', () => CreateWorkUnitInput) input: CreateWorkUnitInput) {
    return { workUnit: await this.organisationService.createWorkUnit(input) };
  }

  @Mutation(() => PartnerCompanyPayload)
  async createPartnerCompany(@Arg('input', () => CreatePartnerCompanyInput) input: CreatePartnerCompanyInput) {
    return { partnerCompany: await this.organisationService.createPartnerCompany(input) };
  }

  @Mutation(() => EmploymentAreaPayload)
  async createEmploymentArea(@Arg('input', () => CreateEmploymentAreaInput) input: CreateEmploymentAreaInput) {
    return { employmentArea: await this.organisationService.createEmploymentArea(input) };
  }

  @Mutation(() => CaseManagerPayload)
  async createCaseManager(@Arg('input', () => CreateCaseManagerInput) input: CreateCaseManagerInput) {
    return { caseManager: await this.organisationService.createCaseManager(input) };
  }
}

@Resolver(() => WorkUnit)
export class WorkUnitResolver {
  @FieldResolver(() => Department)
  async department(@Root() unit: WorkUnit, @Ctx() ctx: Context): Promise<Department> {
    return (await ctx.loaders.department.load(unit.departmentId))!;
  }
}

@Resolver(() => CaseManager)
export class CaseManagerResolver {
  @FieldResolver(() => EmploymentArea)
  async employmentArea(@Root() manager: CaseManager, @Ctx() ctx: Context): Promise<EmploymentArea> {
    return (await ctx.loaders.employmentArea.load(manager.employmentAreaId))!;
  }
}
