import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/graphql/context';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { EmploymentArea } from '../organisation/organisation.entities';
import { PeriodWarning, WorkTrialAgreement, WorkTrialFeedback, WorkTrialSignature } from './work-trial.entities';
import { RecordWorkTrialAgreementInput, RecordWorkTrialFeedbackInput, SignWorkTrialAgreementInput, UpdateWorkTrialAgreementInput } from './work-trial.inputs';
import { ALL_PARTIES, isFullySigned, signedOn, WorkTrialParty } from './work-trial-rules';

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
  @Query(() => [WorkTrialAgreement], { description: 'The written work-trial agreements of a period, oldest first.' })
  workTrialAgreements(@Arg('periodId', () => ID) periodId: string, @Ctx() ctx: RequestContext): Promise<WorkTrialAgreement[]> {
    return ctx.services.workTrial.listForPeriod(periodId);
  }

  @Mutation(() => WorkTrialAgreementPayload, { description: 'Records the written agreement of a work trial, before its first day.' })
  async recordWorkTrialAgreement(@Arg('input', () => RecordWorkTrialAgreementInput) input: RecordWorkTrialAgreementInput, @Ctx() ctx: RequestContext) {
    return { workTrialAgreement: await ctx.services.workTrial.record(input, ctx.actor!) };
  }

  @Mutation(() => WorkTrialAgreementPayload)
  async updateWorkTrialAgreement(@Arg('input', () => UpdateWorkTrialAgreementInput) input: UpdateWorkTrialAgreementInput, @Ctx() ctx: RequestContext) {
    return { workTrialAgreement: await ctx.services.workTrial.update(input) };
  }

  @Mutation(() => WorkTrialAgreementPayload, { description: "Records one party's signature." })
  async signWorkTrialAgreement(@Arg('input', () => SignWorkTrialAgreementInput) input: SignWorkTrialAgreementInput, @Ctx() ctx: RequestContext) {
    return { workTrialAgreement: await ctx.services.workTrial.sign(input) };
  }

  @Mutation(() => WorkTrialFeedbackPayload, { description: "Records the organiser's written feedback once the trial has ended." })
  async recordWorkTrialFeedback(@Arg('input', () => RecordWorkTrialFeedbackInput) input: RecordWorkTrialFeedbackInput, @Ctx() ctx: RequestContext) {
    return { workTrialFeedback: await ctx.services.workTrial.recordFeedback(input, ctx.actor!) };
  }

  @FieldResolver(() => [WorkTrialSignature], { description: 'The signatures given so far, in the order participant, authority, organiser.' })
  signatures(@Root() agreement: WorkTrialAgreement): WorkTrialSignature[] {
    return ALL_PARTIES.filter((party) => signedOn(agreement, party) !== null).map((party) => ({
      party,
      signerName: party === WorkTrialParty.AUTHORITY ? agreement.authoritySignerName : party === WorkTrialParty.ORGANISER ? agreement.organiserSignerName : null,
      caseManagerId: party === WorkTrialParty.AUTHORITY ? agreement.authorityCaseManagerId : null,
      signedOn: signedOn(agreement, party)!,
    }));
  }

  @FieldResolver(() => Boolean, { description: 'Signed by the participant, the authority and the organiser.' })
  fullySigned(@Root() agreement: WorkTrialAgreement): boolean {
    return isFullySigned(agreement);
  }

  @FieldResolver(() => EmploymentArea)
  async employmentArea(@Root() agreement: WorkTrialAgreement, @Ctx() ctx: RequestContext): Promise<EmploymentArea> {
    return (await ctx.loaders.employmentArea.load(agreement.employmentAreaId))!;
  }

  @FieldResolver(() => WorkTrialFeedback, { nullable: true, description: "The organiser's written feedback, once given." })
  feedback(@Root() agreement: WorkTrialAgreement, @Ctx() ctx: RequestContext): Promise<WorkTrialFeedback | null> {
    return ctx.loaders.workTrialFeedbackByAgreement.load(agreement.id);
  }
}

@Resolver(() => CoachingPeriod)
export class PeriodWorkTrialFields {
  @FieldResolver(() => [WorkTrialAgreement], { description: 'Written work-trial agreements of the period and its WORK_TRIAL placements, oldest first.' })
  workTrialAgreements(@Root() period: CoachingPeriod, @Ctx() ctx: RequestContext): Promise<WorkTrialAgreement[]> {
    return ctx.loaders.workTrialAgreementsByPeriod.load(period.id);
  }

  @FieldResolver(() => [PeriodWarning], {
    description: 'What needs attention: a missing planned end, a length beyond the legal maximum, a work trial without a signed agreement or without the organiser’s feedback.',
  })
  async warnings(@Root() period: CoachingPeriod, @Ctx() ctx: RequestContext): Promise<PeriodWarning[]> {
    const [placements, agreements] = await Promise.all([ctx.loaders.placementsByPeriod.load(period.id), ctx.loaders.workTrialAgreementsByPeriod.load(period.id)]);
    const feedback = await ctx.loaders.workTrialFeedbackByAgreement.loadMany(agreements.map((a) => a.id));
    const withFeedback = new Set(agreements.filter((_, i) => feedback[i] && !(feedback[i] instanceof Error)).map((a) => a.id));
    return ctx.services.workTrial.warningsFor(period, placements, agreements, withFeedback);
  }
}
