import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';

import { requireActor } from '../../platform/auth/require-actor';
import type { RequestContext } from '../access/request-context';
import { PartnerCompany } from '../organisation/organisation.entities';
import type { OrganisationLoaders } from '../organisation/organisation.service';
import { Trainee } from '../trainee/trainee.entity';
import { ProfileConsent } from './consent.entity';
import { GiveProfileConsentInput, WithdrawProfileConsentInput } from './consent.inputs';
import type { ConsentLoaders, ConsentService } from './consent.service';

/** The loaders these resolvers read. */
type Context = RequestContext<ConsentLoaders & OrganisationLoaders>;

@ObjectType()
class ProfileConsentPayload {
  @Field(() => ProfileConsent)
  profileConsent: ProfileConsent;
}

@Resolver(() => ProfileConsent)
export class ProfileConsentResolver {
  constructor(private readonly consentService: ConsentService) {}

  @Mutation(() => ProfileConsentPayload, {
    description: "Records the trainee's consent to show their competence profile to all partners or to one company.",
  })
  async giveProfileConsent(@Arg('input', () => GiveProfileConsentInput) input: GiveProfileConsentInput, @Ctx() ctx: Context) {
    return { profileConsent: await this.consentService.give(input, requireActor(ctx)) };
  }

  @Mutation(() => ProfileConsentPayload, {
    description: 'Withdraws the active consent for one target; partners no longer see the profile from the next request on.',
  })
  async withdrawProfileConsent(@Arg('input', () => WithdrawProfileConsentInput) input: WithdrawProfileConsentInput, @Ctx() ctx: Context) {
    return { profileConsent: await this.consentService.withdraw(input, requireActor(ctx)) };
  }

  @FieldResolver(() => Boolean, { description: 'Not withdrawn.' })
  active(@Root() consent: ProfileConsent): boolean {
    return consent.withdrawnAt === null;
  }

  @FieldResolver(() => PartnerCompany, { nullable: true })
  partnerCompany(@Root() consent: ProfileConsent, @Ctx() ctx: Context): Promise<PartnerCompany | null> | null {
    return consent.partnerCompanyId ? ctx.loaders.partnerCompany.load(consent.partnerCompanyId) : null;
  }
}

@Resolver(() => Trainee)
export class TraineeConsentFields {
  @FieldResolver(() => [ProfileConsent], {
    description: 'Consents to show the competence profile to partners, withdrawn ones included; newest first.',
  })
  profileConsents(@Root() trainee: Trainee, @Ctx() ctx: Context): Promise<ProfileConsent[]> {
    return ctx.loaders.profileConsentsByTrainee.load(trainee.id);
  }
}
