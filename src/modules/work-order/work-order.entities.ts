import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Relation } from 'typeorm';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { BaseRecord } from '../../platform/database/base.entity';
import { WorkUnit } from '../organisation/organisation.entities';
import { LocalDate } from '../shared/scalars';
import { Task } from '../task-catalogue/task.entity';
import { Trainee } from '../trainee/trainee.entity';
import { WorkOrderState } from './work-order-state';

registerEnumType(WorkOrderState, { name: 'WorkOrderState', description: 'State of a work order (työtilaus).' });

@ObjectType({ description: 'A work order (työtilaus) from a municipal unit.' })
@Entity()
@Check('"workers_needed" >= 1')
@Check('"end_date" >= "start_date"')
@Index(['workUnitId', 'startDate'])
@Index(['state', 'startDate'])
export class WorkOrder extends BaseRecord {
  @Field(() => String)
  @Column('uuid')
  workUnitId: string;

  @ManyToOne(() => WorkUnit, { onDelete: 'RESTRICT' })
  @JoinColumn()
  workUnit?: Relation<WorkUnit>;

  @Field(() => String)
  @Index()
  @Column('uuid')
  taskId: string;

  @ManyToOne(() => Task, { onDelete: 'RESTRICT' })
  @JoinColumn()
  task?: Relation<Task>;

  @Field(() => String)
  @Column()
  place: string;

  @Field(() => LocalDate)
  @Column('date')
  startDate: string;

  @Field(() => LocalDate)
  @Column('date')
  endDate: string;

  @Field(() => Int)
  @Column('smallint')
  workersNeeded: number;

  @Field(() => WorkOrderState)
  @Column('enum', { enum: WorkOrderState, enumName: 'work_order_state', default: WorkOrderState.REQUESTED })
  state: WorkOrderState;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  notes: string | null;

  @Field(() => String, { nullable: true, description: "The ordering unit's feedback after completion." })
  @Column('text', { nullable: true })
  unitFeedback: string | null;

  @Field(() => Int, { nullable: true, description: 'The unit’s rating 1–5.' })
  @Column('smallint', { nullable: true })
  unitRating: number | null;

  @Field(() => Float, { nullable: true, description: 'Hours the unit confirmed as done.' })
  @Column('numeric', { precision: 7, scale: 2, nullable: true })
  confirmedHours: number | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  declineReason: string | null;
}

/** A trainee staffed on a work order for its dates. */
@ObjectType()
@Entity()
@Index(['workOrderId', 'traineeId'], { unique: true })
@Index(['traineeId', 'startDate'])
export class WorkOrderAssignment extends BaseRecord {
  @Field(() => String)
  @Column('uuid')
  workOrderId: string;

  @ManyToOne(() => WorkOrder, { onDelete: 'CASCADE' })
  @JoinColumn()
  workOrder?: Relation<WorkOrder>;

  @Field(() => String)
  @Column('uuid')
  traineeId: string;

  @ManyToOne(() => Trainee, { onDelete: 'RESTRICT' })
  @JoinColumn()
  trainee?: Relation<Trainee>;

  /** Copied from the order so that "already booked then" is one indexed range query. */
  @Field(() => LocalDate)
  @Column('date')
  startDate: string;

  @Field(() => LocalDate)
  @Column('date')
  endDate: string;
}
