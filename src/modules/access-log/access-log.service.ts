import type { DataSource, SelectQueryBuilder } from 'typeorm';

import { Actor } from '../../platform/auth/actor';
import { singleLoader } from '../shared/loaders';
import { Connection, PageArgs, paginate } from '../shared/pagination';
import { AccessLogEntry } from './access-log.entity';

export enum AccessKind {
  READ = 'READ',
  WRITE = 'WRITE',
}

/**
 * Collects, during one request, which trainees' data was read (which fields) or written (which
 * operation). The access middleware feeds it; it is written once at the end of the request.
 */
export class AccessLogRecorder {
  // Per kind by trainee id (a page reads some thousand fields: no key string is built per read),
  // and the entries in the order they were first seen.
  private readonly reads = new Map<string, RecordedAccess>();
  private readonly writes = new Map<string, RecordedAccess>();
  private entries: RecordedAccess[] = [];

  read(traineeId: string, field: string): void {
    this.add(this.reads, traineeId, AccessKind.READ, field);
  }

  wrote(traineeId: string, operation: string): void {
    this.add(this.writes, traineeId, AccessKind.WRITE, operation);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Takes the collected rows out, so a second flush of the same request writes nothing twice. */
  drain(): Array<{ traineeId: string; kind: AccessKind; fields: string[] }> {
    const rows = this.entries.map((entry) => ({ ...entry, fields: [...entry.fields].sort() }));
    this.entries = [];
    this.reads.clear();
    this.writes.clear();
    return rows;
  }

  private add(byTrainee: Map<string, RecordedAccess>, traineeId: string, kind: AccessKind, field: string) {
    let entry = byTrainee.get(traineeId);
    if (!entry) {
      entry = { traineeId, kind, fields: new Set<string>() };
      byTrainee.set(traineeId, entry);
      this.entries.push(entry);
    }
    entry.fields.add(field);
  }
}

interface RecordedAccess {
  traineeId: string;
  kind: AccessKind;
  fields: Set<string>;
}

export interface AccessLogFilter {
  traineeId?: string | null;
  userId?: string | null;
}

const purposePattern = /^[\p{L}\p{N} .,:;_()/#-]{1,200}$/u;

/** The caller's stated purpose (x-purpose header) when it is plain text, else the operation name. */
export function purposeOf(header: string | string[] | undefined, operationName: string | null | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  if (given && purposePattern.test(given.trim())) return given.trim();
  return operationName ? `operation ${operationName}` : 'unnamed operation';
}

export class AccessLogService {
  constructor(private readonly dataSource: DataSource) {}

  /** One INSERT for everything one request touched. */
  async flush(
    recorder: AccessLogRecorder,
    meta: { requestId: string; actor: Actor; purpose: string; operationName: string | null },
  ): Promise<number> {
    const rows = recorder.drain();
    if (!rows.length) return 0;
    await this.dataSource.query(
      `INSERT INTO access_log_entry (trainee_id, kind, fields, user_id, role, purpose, operation_name, request_id)
       SELECT (e->>'traineeId')::uuid, e->>'kind', ARRAY(SELECT jsonb_array_elements_text(e->'fields')), $2, $3, $4, $5, $6
       FROM jsonb_array_elements($1::jsonb) AS e`,
      [JSON.stringify(rows), meta.actor.userId, meta.actor.role, meta.purpose, meta.operationName, meta.requestId],
    );
    return rows.length;
  }

  /** An organisation's log: the processing of the people of its own register, by whoever did it. */
  list(organisationId: string, filter: AccessLogFilter, page: PageArgs): Promise<Connection<AccessLogEntry>> {
    const query = this.dataSource
      .getRepository(AccessLogEntry)
      .createQueryBuilder('entry')
      // A condition, not a join: with a join TypeORM would take the sort expression below for an alias.
      .where('EXISTS (SELECT 1 FROM trainee subject WHERE subject.id = entry.trainee_id AND subject.organisation_id = :organisationId)', {
        organisationId,
      });
    if (filter.traineeId) query.andWhere('entry.traineeId = :traineeId', { traineeId: filter.traineeId });
    if (filter.userId) query.andWhere('entry.userId = :userId', { userId: filter.userId });
    return newestFirst(query, page);
  }

  /**
   * "Who has processed my data" for the data subject themselves: every row about their own client
   * record, whichever role or user processed it (the trainee's own reads included), and nothing
   * about anyone else. The trainee id comes from the token, never from the request.
   */
  listForTrainee(traineeId: string, page: PageArgs): Promise<Connection<AccessLogEntry>> {
    const query = this.dataSource.getRepository(AccessLogEntry).createQueryBuilder('entry').where('entry.traineeId = :traineeId', { traineeId });
    return newestFirst(query, page);
  }

  createLoaders() {
    return {
      /**
       * Who processed a row, in words: the processing user's display name in the organisation whose
       * register holds the trainee (all processing of a trainee happens inside that organisation)
       * and that organisation's name. One statement per page.
       */
      accessLogProcessor: singleLoader<string, AccessLogProcessor>(
        (ids) =>
          this.dataSource.query(
            `SELECT e.id AS "entryId", ur.display_name AS "displayName", o.name AS "organisationName"
               FROM access_log_entry e
               JOIN trainee t ON t.id = e.trainee_id
               JOIN organisation o ON o.id = t.organisation_id
               LEFT JOIN user_role ur ON ur.user_id::text = e.user_id AND ur.organisation_id = t.organisation_id
              WHERE e.id = ANY($1::uuid[])`,
            [ids],
          ),
        (row) => row.entryId,
      ),
    };
  }
}

export interface AccessLogProcessor {
  entryId: string;
  displayName: string | null;
  organisationName: string;
}

export type AccessLogLoaders = ReturnType<AccessLogService['createLoaders']>;

function newestFirst(query: SelectQueryBuilder<AccessLogEntry>, page: PageArgs): Promise<Connection<AccessLogEntry>> {
  // Cursors carry milliseconds, PostgreSQL keeps microseconds: sort on the truncated value.
  return paginate(query, page, [{ sql: "date_trunc('milliseconds', entry.at)", value: (row) => row.at.toISOString(), kind: 'timestamp' }], 'DESC');
}
