import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';

import type { RequestContext } from '../access/request-context';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { EmploymentArea } from '../organisation/organisation.entities';
import type { OrganisationLoaders } from '../organisation/organisation.service';
import type { PlacementLoaders } from '../placement/placement.service';
import { PeriodWarning, WorkTrialAgreement, WorkTrialFeedback, WorkTrialSignature } from './work-trial.entities';
import {
  RecordWorkTrialAgreementInput,
  RecordWorkTrialFeedbackInput,
  SignWorkTrialAgreementInput,
  UpdateWorkTrialAgreementInput,
} from './work-trial.inputs';
import type { WorkTrialLoaders, WorkTrialService } from './work-trial.service';
import { ALL_PARTIES, isFullySigned, signedOn, WorkTrialParty } from './work-trial-rules';

/** The loaders these resolvers read. */
type Context = RequestContext<OrganisationLoaders & PlacementLoaders & WorkTrialLoaders>;

@ObjectType()
class WorkTrialAgreementPayload {
  @Field(() => WorkTrialAgreement)
  workTrialAgreement: WorkTrialAgreement;
}

@ObjectType()
class WorkTrialFeedbackPayload {
  @Field(() => WorkTrialFeedback)
  workTrialFeedback: WorkTrialFeedback;
}

@Resolver(() => WorkTrialAgreement)
export class WorkTrialResolver {
  constructor(private readonly workTrialService: WorkTrialService) {}

  @Query(() => [WorkTrialAgreement], { description: 'The written work-trial agreements of a period, oldest first.' })
  workTrialAgreements(@Arg('periodId', () => ID) periodId: string): Promise<WorkTrialAgreement[]> {
    return this.workTrialService.listForPeriod(periodId);
  }

  @Mutation(() => WorkTrialAgreementPayload, { description: 'Records the written agreement of a work trial, before its first day.' })
  async recordWorkTrialAgreement(@Arg('input', () => RecordWorkTrialAgreementInput) input: RecordWorkTrialAgreementInput, @Ctx() ctx: Context) {
    return { workTrialAgreement: await this.workTrialService.record(input, ctx.actor!) };
  }

  @Mutation(() => WorkTrialAgreementPayload)
  async updateWorkTrialAgreement(@Arg('input', () => UpdateWorkTrialAgreementInput) input: UpdateWorkTrialAgreementInput) {
    return { workTrialAgreement: await this.workTrialService.update(input) };
  }

  @Mutation(() => WorkTrialAgreementPayload, { description: "Records one party's signature." })
  async signWorkTrialAgreement(@Arg('input', () => SignWorkTrialAgreementInput) input: SignWorkTrialAgreementInput) {
    return { workTrialAgreement: await this.workTrialService.sign(input) };
  }

  @Mutation(() => WorkTrialFeedbackPayload, { description: "Records the organiser's written feedback once the trial has ended." })
  async recordWorkTrialFeedback(@Arg('input', () => RecordWorkTrialFeedbackInput) input: RecordWorkTrialFeedbackInput, @Ctx() ctx: Context) {
    return { workTrialFeedback: await this.workTrialService.recordFeedback(input, ctx.actor!) };
  }

  @FieldResolver(() => [WorkTrialSignature], { description: 'The signatures given so far, in the order participant, authority, organiser.' })
  signatures(@Root() agreement: WorkTrialAgreement): WorkTrialSignature[] {
    return ALL_PARTIES.filter((party) => signedOn(agreement, party) !== null).map((party) => ({
      party,
      signerName:
        party === WorkTrialParty.AUTHORITY
          ? agreement.authoritySignerName
          : party === WorkTrialParty.ORGANISER
            ? agreement.organiserSignerName
            : null,
      caseManagerId: party === WorkTrialParty.AUTHORITY ? agreement.authorityCaseManagerId : null,
      signedOn: signedOn(agreement, party)!,
    }));
  }

  @FieldResolver(() => Boolean, { description: 'Signed by the participant, the authority and the organiser.' })
  fullySigned(@Root() agreement: WorkTrialAgreement): boolean {
    return isFullySigned(agreement);
  }

  @FieldResolver(() => EmploymentArea)
  async employmentArea(@Root() agreement: WorkTrialAgreement, @Ctx() ctx: Context): Promise<EmploymentArea> {
    return (await ctx.loaders.employmentArea.load(agreement.employmentAreaId))!;
  }

  @FieldResolver(() => WorkTrialFeedback, { nullable: true, description: "The organiser's written feedback, once given." })
  feedback(@Root() agreement: WorkTrialAgreement, @Ctx() ctx: Context): Promise<WorkTrialFeedback | null> {
    return ctx.loaders.workTrialFeedbackByAgreement.load(agreement.id);
  }
}

@Resolver(() => CoachingPeriod)
export class PeriodWorkTrialFields {
  constructor(private readonly workTrialService: WorkTrialService) {}

  @FieldResolver(() => [WorkTrialAgreement], {
    description: 'Written work-trial agreements of the period and its WORK_TRIAL placements, oldest first.',
  })
  workTrialAgreements(@Root() period: CoachingPeriod, @Ctx() ctx: Context): Promise<WorkTrialAgreement[]> {
    return ctx.loaders.workTrialAgreementsByPeriod.load(period.id);
  }

  @FieldResolver(() => [PeriodWarning], {
    description:
      'What needs attention: a missing planned end, a length beyond the legal maximum, a work trial without a signed agreement or without the organiser’s feedback.',
  })
  async warnings(@Root() period: CoachingPeriod, @Ctx() ctx: Context): Promise<PeriodWarning[]> {
    const [placements, agreements] = await Promise.all([
      ctx.loaders.placementsByPeriod.load(period.id),
      ctx.loaders.workTrialAgreementsByPeriod.load(period.id),
    ]);
    const feedback = await ctx.loaders.workTrialFeedbackByAgreement.loadMany(agreements.map((a) => a.id));
    const withFeedback = new Set(agreements.filter((_, i) => feedback[i] && !(feedback[i] instanceof Error)).map((a) => a.id));
    return this.workTrialService.warningsFor(period, placements, agreements, withFeedback);
  }
}
