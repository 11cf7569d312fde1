import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';
import { ParticipationBasis, ServiceForm } from '../coaching-period/period-phase';
import { CaseManager, EmploymentArea } from '../organisation/organisation.entities';
import { Trainee } from '../trainee/trainee.entity';
import { ReferralState } from './referral-state';

registerEnumType(ReferralState, { name: 'ReferralState', description: 'State of a referral (lähete).' });

@ObjectType({ description: 'A referral (lähete) from the employment area to the coaching environment.' })
@Entity()
@Index(['employmentAreaId', 'externalId'], { unique: true })
// The database refuses a second open referral of one person to one service, even under a race.
@Index('referral_one_open_per_service', ['traineeId', 'serviceForm'], { unique: true, where: `"state" IN ('RECEIVED', 'ACCEPTED')` })
export class Referral extends BaseRecord {
  @Field(() => String)
  @Column('uuid')
  employmentAreaId: string;

  @ManyToOne(() => EmploymentArea, { onDelete: 'RESTRICT' })
  @JoinColumn()
  employmentArea?: Relation<EmploymentArea>;

  @Field(() => String, { description: "The referral's id in the employment area's client system." })
  @Column()
  externalId: string;

  @Field(() => String, { nullable: true })
  @Index()
  @Column('uuid', { nullable: true })
  caseManagerId: string | null;

  @ManyToOne(() => CaseManager, { onDelete: 'RESTRICT' })
  @JoinColumn()
  caseManager?: Relation<CaseManager>;

  @Field(() => String)
  @Index()
  @Column('uuid')
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'RESTRICT' })
  @JoinColumn()
  trainee?: Relation<Trainee>;

  @Field(() => ServiceForm)
  @Column('enum', { enum: ServiceForm, enumName: 'service_form' })
  serviceForm: ServiceForm;

  @Field(() => ParticipationBasis)
  @Column('enum', { enum: ParticipationBasis, enumName: 'participation_basis' })
  participationBasis: ParticipationBasis;

  @Field(() => String, { nullable: true, description: 'Background the case manager gives.' })
  @Column('text', { nullable: true })
  background: string | null;

  @Field(() => ReferralState)
  @Column('enum', { enum: ReferralState, enumName: 'referral_state', default: ReferralState.RECEIVED })
  state: ReferralState;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  rejectionReason: string | null;

  @Field(() => Date)
  @Column('timestamptz', { default: () => 'now()' })
  receivedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;
}
