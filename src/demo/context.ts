import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

import type { HistorySubjectType } from '../modules/history/history.service';
import { StateChange } from '../modules/history/state-change.entity';
import { addDays, IsoDate, todayInFinland } from '../modules/shared/calendar';
import { finnishTime } from './dates';
import { Rng } from './random';

/** A row to insert: the entity's columns, all optional. */
export type Row<T> = QueryDeepPartialEntity<T>;

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for the widest table. */
const CHUNK = 400;
/** The demo's oldest events lie about four years back. */
const SET_UP_DAYS_BEFORE = 6 * 365;

/** Shared by every part of the seed: the transaction, the instant it is "as of" and the id stream. */
export class SeedContext {
  private readonly idStream = Rng.fromLabel('ids');
  readonly history: HistoryLog = new HistoryLog(() => this.id());
  /** The Finnish calendar day of `asOf`: planned dates (periods, work orders) are relative to it. */
  readonly today: IsoDate;
  private readonly startOfToday: number;
  /**
   * The organisation rows are seeded into: every row of a table with a required organisation id
   * gets this one unless it names its own.
   */
  organisationId?: string;

  constructor(
    readonly manager: EntityManager,
    /** Nothing the seed records is dated after this instant. */
    readonly asOf: Date,
  ) {
    this.today = todayInFinland(asOf);
    this.startOfToday = finnishTime(this.today, 0).getTime();
  }

  /**
   * When something was recorded: `hour:minute` Finnish time on `date`, never after \`asOf\`. The plan
   * puts events at office hours, which on the seed's own day may still lie ahead (a seed at 08:00
   * would otherwise record 14:00 events), and a few records come before future plans (a placement
   * agreed for next month). Instants up to halfway between midnight and \`asOf\` are kept; later
   * ones are squeezed into the rest of the span by a monotone curve, so the order of every chain
   * (created, then demonstrated, then verified) survives and nothing passes \`asOf\`.
   */
  at(date: IsoDate, hour: number, minute = 0): Date {
    return this.clampToAsOf(finnishTime(date, hour, minute));
  }

  clampToAsOf(instant: Date): Date {
    const t = instant.getTime();
    const end = this.asOf.getTime();
    const knee = this.startOfToday + Math.max(0, end - this.startOfToday) / 2;
    if (t <= knee) {
      if (t > end) throw new RangeError(`a seeded instant ${instant.toISOString()} lies after ${this.asOf.toISOString()}`);
      return instant;
    }
    // knee + span·d/(d + span): slope 1 at the knee, approaching \`asOf\` without reaching it, and
    // hours apart stay milliseconds apart even when the span is a few minutes (a seed at 00:05).
    const span = Math.max(end - knee, 1);
    const d = t - knee;
    return new Date(Math.min(end, knee + Math.floor((span * d) / (d + span))));
  }

  /** Deterministic ids: the same demo rows get the same ids on every run. */
  id(): string {
    return this.idStream.uuid();
  }

  rng(label: string): Rng {
    return Rng.fromLabel(label);
  }

  /**
   * When the organisation, catalogues and staff were set up: long before the first referral, so
   * rows that do not say when they were created are not dated by the database's clock.
   */
  get setUpAt(): Date {
    return this.at(addDays(this.today, -SET_UP_DAYS_BEFORE), 9);
  }

  /** Batched insert without RETURNING (ids are minted here). Rows without timestamps get \`setUpAt\`. */
  async insert<T extends ObjectLiteral>(entity: EntityTarget<T>, given: ReadonlyArray<QueryDeepPartialEntity<T>>): Promise<void> {
    const metadata = this.manager.getRepository(entity).metadata;
    const columns = new Set(metadata.columns.map((c) => c.propertyName));
    const stamped = ['createdAt', 'updatedAt'].filter((name) => columns.has(name));
    const owned = metadata.columns.some((c) => c.propertyName === 'organisationId' && !c.isNullable && !c.isPrimary);
    if (owned && !this.organisationId) throw new Error(`seeding ${metadata.tableName} needs the organisation first`);
    const rows =
      stamped.length || owned
        ? given.map((row) => {
            const filled: Record<string, unknown> = { ...row };
            for (const name of stamped) filled[name] ??= filled.createdAt ?? this.setUpAt;
            if (owned) filled.organisationId ??= this.organisationId;
            return filled as QueryDeepPartialEntity<T>;
          })
        : given;
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.manager
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(rows.slice(i, i + CHUNK) as QueryDeepPartialEntity<T>[])
        .updateEntity(false)
        .execute();
    }
  }
}

export type SubjectType = HistorySubjectType;

export interface Actor {
  userId: string;
  role: string;
}

/** Collects the state transitions each seeded object went through; written at the end. */
export class HistoryLog {
  readonly rows: Array<QueryDeepPartialEntity<StateChange>> = [];

  constructor(private readonly newId: () => string) {}

  record(
    subjectType: SubjectType,
    subjectId: string,
    fromState: string | null,
    toState: string,
    changedAt: Date,
    actor: Actor | null,
    reason: string | null = null,
  ): void {
    this.rows.push({
      id: this.newId(),
      subjectType,
      subjectId,
      fromState,
      toState,
      actorId: actor?.userId ?? null,
      actorRole: actor?.role ?? null,
      reason,
      changedAt,
    });
  }

  /** A chain of states: the first from null (creation), each later one from the previous. */
  chain(
    subjectType: SubjectType,
    subjectId: string,
    steps: ReadonlyArray<{ state: string; at: Date; actor: Actor | null; reason?: string | null }>,
  ): void {
    let previous: string | null = null;
    for (const step of steps) {
      this.record(subjectType, subjectId, previous, step.state, step.at, step.actor, step.reason ?? null);
      previous = step.state;
    }
  }
}
