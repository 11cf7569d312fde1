import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

import { ConsentScope } from './consent-scope';

@InputType()
export class GiveProfileConsentInput {
  @Field(() => ID)
  @IsUUID()
  traineeId: string;

  @Field(() => ConsentScope)
  scope: ConsentScope;

  @Field(() => ID, { nullable: true, description: 'Required for ONE_COMPANY, not allowed for ALL_PARTNERS.' })
  @IsOptional()
  @IsUUID()
  partnerCompanyId?: string | null;

  @Field(() => String, { nullable: true, description: 'E.g. how the consent was given (signed form, in person).' })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;
}

/** Withdraws the trainee's active consent for one target; takes effect on the very next request. */
@InputType()
export class WithdrawProfileConsentInput {
  @Field(() => ID)
  @IsUUID()
  traineeId: string;

  @Field(() => ConsentScope)
  scope: ConsentScope;

  @Field(() => ID, { nullable: true, description: 'Required for ONE_COMPANY, not allowed for ALL_PARTNERS.' })
  @IsOptional()
  @IsUUID()
  partnerCompanyId?: string | null;

  @Field(() => String, { nullable: true, description: 'Replaces the note, e.g. how the withdrawal was made.' })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;
}
