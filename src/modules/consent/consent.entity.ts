import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Check, Column, Entity, Generated, Index, JoinColumn, ManyToOne } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';
import { PartnerCompany } from '../organisation/organisation.entities';
import { Trainee } from '../trainee/trainee.entity';
import { ConsentScope } from './consent-scope';

registerEnumType(ConsentScope, { name: 'ConsentScope', description: 'Whom a trainee lets see their competence profile.' });

/**
 * A trainee's consent to show their competence profile to partner companies. Rows are never
 * deleted: withdrawing sets `withdrawnAt` / `withdrawnBy`, and a new consent is a new row. At most
 * one active consent per trainee and target (all partners, or one company).
 */
@ObjectType({ description: "A trainee's consent to show their competence profile to partner companies (suostumus)." })
@Entity()
@Check('("scope" = \'ONE_COMPANY\') = ("partner_company_id" IS NOT NULL)')
@Check('("withdrawn_at" IS NULL) = ("withdrawn_by" IS NULL)')
@Check('"withdrawn_at" IS NULL OR "withdrawn_at" >= "given_at"')
@Index('profile_consent_one_active_for_all_partners', ['traineeId'], { unique: true, where: `"withdrawn_at" IS NULL AND "scope" = 'ALL_PARTNERS'` })
@Index('profile_consent_one_active_per_company', ['traineeId', 'partnerCompanyId'], {
  unique: true,
  where: `"withdrawn_at" IS NULL AND "scope" = 'ONE_COMPANY'`,
})
export class ProfileConsent extends BaseRecord {
  @Field(() => String)
  @Index()
  @Column('uuid')
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'RESTRICT' })
  @JoinColumn()
  trainee?: Relation<Trainee>;

  @Field(() => ConsentScope)
  @Column('enum', { enum: ConsentScope, enumName: 'consent_scope' })
  scope: ConsentScope;

  @Field(() => String, { nullable: true, description: 'The company of a ONE_COMPANY consent.' })
  @Index()
  @Column('uuid', { nullable: true })
  partnerCompanyId: string | null;

  @ManyToOne(() => PartnerCompany, { onDelete: 'RESTRICT' })
  @JoinColumn()
  partnerCompany?: Relation<PartnerCompany>;

  /**
   * The opaque id partners see the profile under: random, never the trainee id, and new with every
   * consent, so a withdrawn and re-given consent cannot be linked from the outside. Not a field.
   */
  @Column('uuid', { unique: true })
  @Generated('uuid')
  profileId: string;

  @Field(() => Date)
  @Column('timestamptz')
  givenAt: Date;

  @Field(() => String, { description: 'The user who recorded the consent (token subject).' })
  @Column('text')
  givenBy: string;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  withdrawnAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The user who recorded the withdrawal.' })
  @Column('text', { nullable: true })
  withdrawnBy: string | null;

  @Field(() => String, { nullable: true, description: 'E.g. how the consent was given (signed form, in person).' })
  @Column('text', { nullable: true })
  note: string | null;
}
