import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';

import { requireActor } from '../../platform/auth/require-actor';
import { notFound } from '../../platform/errors';
import { callerOrganisation } from '../access/caller-organisation';
import type { RequestContext } from '../access/request-context';
import { ConnectionType, PageArgs } from '../shared/pagination';
import { CaseManager, Department, EmploymentArea, Organisation, PartnerCompany, SubsidyType, WorkUnit } from './organisation.entities';
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

@ObjectType()
class OrganisationPayload {
  @Field(() => Organisation)
  organisation: Organisation;
}

@ObjectType({ description: 'What the organisation has set, with the deployment’s defaults where it has set nothing.' })
class OrganisationSettings {
  @Field(() => Int, { description: 'Expense allowance (kulukorvaus) per attendance day, in cents.' })
  expenseAllowanceCentsPerDay: number;

  @Field(() => Int, { description: 'Years after a matter closed before the client is pseudonymised.' })
  retentionYears: number;

  @Field(() => [SubsidyType], { description: 'Subsidy types of the organisation’s own, besides the statutory wage subsidy.' })
  subsidyTypes: SubsidyType[];

  @Field(() => [SubsidyType], {
    description: 'What an EMPLOYED_WAGE_SUBSIDY outcome may name as its subsidyType: the national wage subsidies, then the organisation’s own.',
  })
  availableSubsidyTypes: SubsidyType[];

  @Field(() => [String], { description: 'The staff who process the intake queue; empty: every coach and career agent.' })
  intakeStaffIds: string[];
}

@Resolver(() => Organisation)
export class OrganisationFields {
  constructor(private readonly organisationService: OrganisationService) {}

  @FieldResolver(() => OrganisationSettings)
  settings(@Root() organisation: Organisation): OrganisationSettings {
    return this.organisationService.settingsOf(organisation);
  }

  @FieldResolver(() => [EmploymentArea], { description: 'The employment areas that refer clients to the organisation.' })
  employmentAreas(@Root() organisation: Organisation): Promise<EmploymentArea[]> {
    return this.organisationService.employmentAreas(organisation.id);
  }
}

@Resolver()
export class OrganisationResolver {
  constructor(private readonly organisationService: OrganisationService) {}

  @Query(() => Organisation, { description: 'The organisation the caller acts in.' })
  async organisation(@Ctx() ctx: Context): Promise<Organisation> {
    const id = callerOrganisation(ctx);
    return (await ctx.loaders.organisation.load(id)) ?? Promise.reject(notFound('Organisation', id));
  }

  @Query(() => [Organisation], { description: 'Every organisation of the deployment (the platform operator).' })
  organisations(): Promise<Organisation[]> {
    return this.organisationService.organisations();
  }

  @Mutation(() => OrganisationPayload)
  async createOrganisation(@Arg('input', () => CreateOrganisationInput) input: CreateOrganisationInput): Promise<OrganisationPayload> {
    return { organisation: await this.organisationService.createOrganisation(input) };
  }

  @Mutation(() => OrganisationPayload, { description: 'The caller’s organisation’s name and settings.' })
  async updateOrganisationSettings(
    @Arg('input', () => UpdateOrganisationSettingsInput) input: UpdateOrganisationSettingsInput,
    @Ctx() ctx: Context,
  ): Promise<OrganisationPayload> {
    return { organisation: await this.organisationService.updateSettings(callerOrganisation(ctx), input, ctx.actor!) };
  }

  @Mutation(() => OrganisationPayload, { description: 'An employment area starts referring clients to an organisation.' })
  async linkEmploymentArea(@Arg('input', () => LinkEmploymentAreaInput) input: LinkEmploymentAreaInput): Promise<OrganisationPayload> {
    return { organisation: await this.organisationService.linkEmploymentArea(input) };
  }

  @Query(() => [Department])
  departments(@Ctx() ctx: Context): Promise<Department[]> {
    return this.organisationService.departments(callerOrganisation(ctx));
  }

  @Query(() => WorkUnitConnection)
  workUnits(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Arg('departmentId', () => ID, { nullable: true }) departmentId?: string,
    @Arg('search', () => String, { nullable: true }) search?: string,
  ) {
    return this.organisationService.workUnits(callerOrganisation(ctx), { departmentId, search }, page);
  }

  @Query(() => WorkUnit)
  async workUnit(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<WorkUnit> {
    return (await ctx.loaders.workUnit.load(id)) ?? Promise.reject(notFound('WorkUnit', id));
  }

  @Query(() => PartnerCompanyConnection)
  partnerCompanies(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context, @Arg('search', () => String, { nullable: true }) search?: string) {
    return this.organisationService.partnerCompanies(callerOrganisation(ctx), search, page);
  }

  @Query(() => PartnerCompany)
  async partnerCompany(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<PartnerCompany> {
    return (await ctx.loaders.partnerCompany.load(id)) ?? Promise.reject(notFound('PartnerCompany', id));
  }

  @Query(() => [EmploymentArea], { description: 'The employment areas that refer clients to the caller’s organisation.' })
  employmentAreas(@Ctx() ctx: Context): Promise<EmploymentArea[]> {
    return this.organisationService.employmentAreas(callerOrganisation(ctx));
  }

  @Query(() => [CaseManager])
  caseManagers(@Arg('employmentAreaId', () => ID) employmentAreaId: string, @Ctx() ctx: Context): Promise<CaseManager[]> {
    return this.organisationService.caseManagers(callerOrganisation(ctx), employmentAreaId);
  }

  @Mutation(() => DepartmentPayload)
  async createDepartment(@Arg('input', () => CreateDepartmentInput) input: CreateDepartmentInput, @Ctx() ctx: Context) {
    return { department: await this.organisationService.createDepartment(callerOrganisation(ctx), input) };
  }

  @Mutation(() => WorkUnitPayload)
  async createWorkUnit(@Arg('input', () => CreateWorkUnitInput) input: CreateWorkUnitInput, @Ctx() ctx: Context) {
    return { workUnit: await this.organisationService.createWorkUnit(callerOrganisation(ctx), input) };
  }

  @Mutation(() => PartnerCompanyPayload)
  async createPartnerCompany(@Arg('input', () => CreatePartnerCompanyInput) input: CreatePartnerCompanyInput, @Ctx() ctx: Context) {
    return { partnerCompany: await this.organisationService.createPartnerCompany(callerOrganisation(ctx), input) };
  }

  @Mutation(() => EmploymentAreaPayload)
  async createEmploymentArea(@Arg('input', () => CreateEmploymentAreaInput) input: CreateEmploymentAreaInput, @Ctx() ctx: Context) {
    return { employmentArea: await this.organisationService.createEmploymentArea(requireActor(ctx).organisationId, input) };
  }

  @Mutation(() => CaseManagerPayload)
  async createCaseManager(@Arg('input', () => CreateCaseManagerInput) input: CreateCaseManagerInput, @Ctx() ctx: Context) {
    return { caseManager: await this.organisationService.createCaseManager(callerOrganisation(ctx), input) };
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
