import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../platform/errors';
import type { RequestContext } from '../../platform/graphql/context';
import { ConnectionType, PageArgs } from '../shared/pagination';
import {
  CreateCaseManagerInput,
  CreateDepartmentInput,
  CreateEmploymentAreaInput,
  CreatePartnerCompanyInput,
  CreateWorkUnitInput,
} from './organisation.inputs';
import { CaseManager, Department, EmploymentArea, PartnerCompany, WorkUnit } from './organisation.entities';

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
  @Query(() => [Department])
  departments(@Ctx() ctx: RequestContext): Promise<Department[]> {
    return ctx.services.organisation.departments();
  }

  @Query(() => WorkUnitConnection)
  workUnits(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
    @Arg('departmentId', () => ID, { nullable: true }) departmentId?: string,
    @Arg('search', () => String, { nullable: true }) search?: string,
  ) {
    return ctx.services.organisation.workUnits({ departmentId, search }, page);
  }

  @Query(() => WorkUnit)
  async workUnit(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<WorkUnit> {
    return (await ctx.loaders.workUnit.load(id)) ?? Promise.reject(notFound('WorkUnit', id));
  }

  @Query(() => PartnerCompanyConnection)
  partnerCompanies(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
    @Arg('search', () => String, { nullable: true }) search?: string,
  ) {
    return ctx.services.organisation.partnerCompanies(search, page);
  }

  @Query(() => PartnerCompany)
  async partnerCompany(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<PartnerCompany> {
    return (await ctx.loaders.partnerCompany.load(id)) ?? Promise.reject(notFound('PartnerCompany', id));
  }

  @Query(() => [EmploymentArea])
  employmentAreas(@Ctx() ctx: RequestContext): Promise<EmploymentArea[]> {
    return ctx.services.organisation.employmentAreas();
  }

  @Query(() => [CaseManager])
  caseManagers(@Arg('employmentAreaId', () => ID) employmentAreaId: string, @Ctx() ctx: RequestContext): Promise<CaseManager[]> {
    return ctx.services.organisation.caseManagers(employmentAreaId);
  }

  @Mutation(() => DepartmentPayload)
  async createDepartment(@Arg('input', () => CreateDepartmentInput) input: CreateDepartmentInput, @Ctx() ctx: RequestContext) {
    return { department: await ctx.services.organisation.createDepartment(input) };
  }

  @Mutation(() => WorkUnitPayload)
  async createWorkUnit(@Arg('input', () => CreateWorkUnitInput) input: CreateWorkUnitInput, @Ctx() ctx: RequestContext) {
    return { workUnit: await ctx.services.organisation.createWorkUnit(input) };
  }

  @Mutation(() => PartnerCompanyPayload)
  async createPartnerCompany(@Arg('input', () => CreatePartnerCompanyInput) input: CreatePartnerCompanyInput, @Ctx() ctx: RequestContext) {
    return { partnerCompany: await ctx.services.organisation.createPartnerCompany(input) };
  }

  @Mutation(() => EmploymentAreaPayload)
  async createEmploymentArea(@Arg('input', () => CreateEmploymentAreaInput) input: CreateEmploymentAreaInput, @Ctx() ctx: RequestContext) {
    return { employmentArea: await ctx.services.organisation.createEmploymentArea(input) };
  }

  @Mutation(() => CaseManagerPayload)
  async createCaseManager(@Arg('input', () => CreateCaseManagerInput) input: CreateCaseManagerInput, @Ctx() ctx: RequestContext) {
    return { caseManager: await ctx.services.organisation.createCaseManager(input) };
  }
}

@Resolver(() => WorkUnit)
export class WorkUnitResolver {
  @FieldResolver(() => Department)
  async department(@Root() unit: WorkUnit, @Ctx() ctx: RequestContext): Promise<Department> {
    return (await ctx.loaders.department.load(unit.departmentId))!;
  }
}

@Resolver(() => CaseManager)
export class CaseManagerResolver {
  @FieldResolver(() => EmploymentArea)
  async employmentArea(@Root() manager: CaseManager, @Ctx() ctx: RequestContext): Promise<EmploymentArea> {
    return (await ctx.loaders.employmentArea.load(manager.employmentAreaId))!;
  }
}
