import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';
import { Organisation } from '../organisation/organisation.entities';
import { EmploymentArea } from '../organisation/organisation.entities';

/** Common European Framework of Reference levels, for Finnish skills of immigrant trainees. */
export enum CefrLevel {
  A1 = 'A1',
  A2 = 'A2',
  B1 = 'B1',
  B2 = 'B2',
  C1 = 'C1',
  C2 = 'C2',
}
registerEnumType(CefrLevel, { name: 'CefrLevel', description: 'CEFR language level (eurooppalainen viitekehys).' });

/** The client of the coaching environment (valmentautuja). */
@ObjectType()
@Entity()
@Check('"work_level" BETWEEN 1 AND 3')
// Only a pseudonymised trainee (retention, src/modules/privacy) may lack the identity code.
@Check(
  '"pseudonymised_at" IS NOT NULL OR ("identity_code_ciphertext" IS NOT NULL AND "identity_code_key_id" IS NOT NULL AND "identity_code_hash" IS NOT NULL)',
)
@Index(['organisationId', 'lastName', 'firstName'])
@Index(['organisationId', 'identityCodeHash'], { unique: true })
export class Trainee extends BaseRecord {
  /**
   * The organisation whose client register holds this record. Each organisation is the controller
   * of its own clients' data: a person referred to two municipalities is two records, one in each.
   */
  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organisation?: Relation<Organisation>;

  @Field(() => String)
  @Column()
  firstName: string;

  @Field(() => String)
  @Column()
  lastName: string;

  /** AES-256-GCM ciphertext of the personal identity code; never exposed as such. Null once pseudonymised. */
  @Column('bytea', { nullable: true })
  identityCodeCiphertext: Buffer | null;

  /** Which configured key encrypted it, so keys can be rotated. Null once pseudonymised. */
  @Column('text', { nullable: true })
  identityCodeKeyId: string | null;

  /** Keyed hash (HMAC-SHA-256) for look-up and for refusing duplicates without decrypting. Null once pseudonymised. */
  @Column('bytea', { nullable: true })
  identityCodeHash: Buffer | null;

  @Field(() => Boolean, { description: 'Individual number 900–999: a temporary code not in the population register.' })
  @Column({ default: false })
  identityCodeTemporary: boolean;

  @Column('date')
  birthDate: string;

  @Field(() => [String], { description: 'ISO 639-1 codes of the languages the trainee speaks.' })
  @Column('text', { array: true, default: '{}' })
  languages: string[];

  @Field(() => CefrLevel, { nullable: true })
  @Column('enum', { enum: CefrLevel, enumName: 'cefr_level', nullable: true })
  finnishLevel: CefrLevel | null;

  @Field(() => Boolean)
  @Column({ default: false })
  immigrantBackground: boolean;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  @Column('char', { length: 3, nullable: true })
  municipalityCode: string | null;

  @Field(() => String, { nullable: true })
  @Index()
  @Column('uuid', { nullable: true })
  employmentAreaId: string | null;

  @ManyToOne(() => EmploymentArea, { onDelete: 'RESTRICT' })
  @JoinColumn()
  employmentArea?: Relation<EmploymentArea>;

  @Field(() => Int, { description: 'Task difficulty the trainee is cleared for: 1 basic under guidance … 3 partly independent.' })
  @Column('smallint', { default: 1 })
  workLevel: number;

  /** Set when the retention job has replaced personal data with pseudonyms. */
  @Column('timestamptz', { nullable: true })
  pseudonymisedAt: Date | null;
}
