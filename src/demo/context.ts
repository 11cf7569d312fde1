import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { StateChange } from '../modules/history/state-change.entity';
import type { IsoDate } from '../modules/shared/calendar';
import { Rng } from './random';

/** A row to insert: the entity's columns, all optional. */
export type Row<T> = QueryDeepPartialEntity<T>;

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for the widest table. */
const CHUNK = 400;

/** Shared by every part of the seed: the transaction, "today" and the id stream. */
export class SeedContext {
  private readonly idStream = Rng.fromLabel('ids');
  readonly history: HistoryLog = new HistoryLog(() => this.id());

  constructor(
    readonly manager: EntityManager,
    readonly today: IsoDate,
  ) {}

  /** Deterministic ids: the same demo rows get the same ids on every run. */
  id(): string {
    return this.idStream.uuid();
  }

  rng(label: string): Rng {
    return Rng.fromLabel(label);
  }

  /** Batched insert without RETURNING (ids are minted here). */
  async insert<T extends ObjectLiteral>(entity: EntityTarget<T>, rows: ReadonlyArray<QueryDeepPartialEntity<T>>): Promise<void> {
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

export type SubjectType = 'Referral' | 'CoachingPeriod' | 'WorkOrder' | 'CompetenceRecord' | 'FinalSummary';

export interface Actor {
  userId: string;
  role: string;
}

/** Collects the state transitions each seeded object went through; written at the end. */
export class HistoryLog {
  readonly rows: Array<QueryDeepPartialEntity<StateChange>> = [];

  constructor(private readonly newId: () => string) {}

  record(subjectType: SubjectType, subjectId: string, fromState: string | null, toState: string, changedAt: Date, actor: Actor | null, reason: string | null = null): void {
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
  chain(subjectType: SubjectType, subjectId: string, steps: ReadonlyArray<{ state: string; at: Date; actor: Actor | null; reason?: string | null }>): void {
    let previous: string | null = null;
    for (const step of steps) {
      this.record(subjectType, subjectId, previous, step.state, step.at, step.actor, step.reason ?? null);
      previous = step.state;
    }
  }
}
