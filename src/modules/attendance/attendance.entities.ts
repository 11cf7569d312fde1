import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { LocalDate } from '../shared/scalars';
import { Trainee } from '../trainee/trainee.entity';
import { WorkOrder } from '../work-order/work-order.entities';
import { DiaryEntryKind } from './diary-kind';
import { AbsenceReason, AttendanceStatus } from './expense-allowance';

export { DiaryEntryKind };

registerEnumType(AttendanceStatus, { name: 'AttendanceStatus' });
registerEnumType(AbsenceReason, { name: 'AbsenceReason' });

registerEnumType(DiaryEntryKind, { name: 'DiaryEntryKind' });

/** One day of one period: attendance must be exact, the expense allowance is paid from it. */
@ObjectType()
@Entity()
@Index(['periodId', 'date'], { unique: true })
@Index(['traineeId', 'date'])
@Check(`("status" = 'PRESENT' AND "hours" > 0 AND "absence_reason" IS NULL) OR ("status" = 'ABSENT' AND "absence_reason" IS NOT NULL)`)
export class AttendanceEntry extends BaseRecord {
  @Field(() => String)
  @Column('uuid')
  periodId: string;

  @ManyToOne(() => CoachingPeriod, { onDelete: 'RESTRICT' })
  @JoinColumn()
  period?: Relation<CoachingPeriod>;

  @Field(() => String)
  @Column('uuid')
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'RESTRICT' })
  @JoinColumn()
  trainee?: Relation<Trainee>;

  @Field(() => LocalDate)
  @Column('date')
  date: string;

  @Field(() => AttendanceStatus)
  @Column('enum', { enum: AttendanceStatus, enumName: 'attendance_status' })
  status: AttendanceStatus;

  @Field(() => Float, { nullable: true })
  @Column('numeric', { precision: 4, scale: 2, nullable: true })
  hours: number | null;

  @Field(() => AbsenceReason, { nullable: true })
  @Column('enum', { enum: AbsenceReason, enumName: 'absence_reason', nullable: true })
  absenceReason: AbsenceReason | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  note: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  recordedBy: string | null;
}

@ObjectType({ description: 'A daily log entry by a coach or a learning-diary entry by the trainee.' })
@Entity()
@Index(['periodId', 'date'])
export class DiaryEntry extends BaseRecord {
  @Field(() => String)
  @Column('uuid')
  periodId: string;

  @ManyToOne(() => CoachingPeriod, { onDelete: 'RESTRICT' })
  @JoinColumn()
  period?: Relation<CoachingPeriod>;

  @Field(() => DiaryEntryKind)
  @Column('enum', { enum: DiaryEntryKind, enumName: 'diary_entry_kind' })
  kind: DiaryEntryKind;

  @Field(() => LocalDate)
  @Column('date')
  date: string;

  @Field(() => String, { nullable: true, description: 'The user who wrote it.' })
  @Column('text', { nullable: true })
  authorId: string | null;

  @Field(() => String)
  @Column('text')
  text: string;

  @Field(() => [String])
  @Column('text', { array: true, default: '{}' })
  tasksDone: string[];

  @Field(() => String, { nullable: true })
  @Index()
  @Column('uuid', { nullable: true })
  workOrderId: string | null;

  @ManyToOne(() => WorkOrder, { onDelete: 'SET NULL' })
  @JoinColumn()
  workOrder?: Relation<WorkOrder>;
}

/**
 * A monthly attendance report sent to the employment area for a period of rehabilitative work or
 * a work trial. A change to a month already reported is sent as the next version of that month;
 * earlier versions are kept as they were sent.
 */
@Entity()
@Index(['periodId', 'month', 'version'], { unique: true })
export class AttendanceReport extends BaseRecord {
  @Column('uuid')
  periodId: string;

  @ManyToOne(() => CoachingPeriod, { onDelete: 'RESTRICT' })
  @JoinColumn()
  period?: Relation<CoachingPeriod>;

  /** `YYYY-MM`. */
  @Column('char', { length: 7 })
  month: string;

  @Column('int')
  version: number;

  @Column('int')
  daysPresent: number;

  @Column('int')
  daysAbsent: number;

  @Column('int')
  expenseAllowanceCents: number;
}
