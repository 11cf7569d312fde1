import type { DataSource, EntityManager } from 'typeorm';
import { QueryFailedError } from 'typeorm';

import type { Actor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { AppConfig } from '../../platform/config';
import { PersonalDataCipher } from '../../platform/crypto';
import { preparedQuery } from '../../platform/database/prepared';
import { conflict, DomainError, notFound } from '../../platform/errors';
import { callerScopeSql, IN_CALLER_SCOPE, scopeSql, TraineeScope } from '../access/trainee-scope';
import { staffIdForMine } from '../me/mine';
import { EmploymentAreaOrganisation } from '../organisation/organisation.entities';
import { todayOf } from '../shared/calendar';
import { byIdLoader } from '../shared/loaders';
import { Connection, connectionFromRows, decodeCursor, encodeCursor, PageArgs, pageSize } from '../shared/pagination';
import { PlainRows } from '../shared/plain-rows';
import { containsPattern } from '../shared/search';
import { ConnectionSelection } from '../shared/selection';
import { SqlParams } from '../shared/sql-params';
import { assertIdentityCode } from './identity-code';
import { Trainee } from './trainee.entity';
import { CreateTraineeInput, TraineeFilter, UpdateTraineeInput } from './trainee.inputs';
import { TraineeReason } from './trainee.reasons';
import type { TraineeJoin } from './trainee-joins';

export class TraineeService {
  private readonly cipher: PersonalDataCipher;
  private readonly rows: PlainRows<Trainee>;
  private readonly listColumns: string;

  constructor(
    private readonly dataSource: DataSource,
    config: Pick<AppConfig, 'keyRing'>,
    private readonly clock: Clock,
    /** What other modules add to a page of trainees (current period, placement, …): see `TraineeJoin`. */
    private readonly joins: readonly TraineeJoin[] = [],
  ) {
    this.cipher = new PersonalDataCipher(config.keyRing);
    this.rows = new PlainRows(dataSource, Trainee);
    // A list never carries the encrypted identity code or its hash (nothing on a page reads them).
    this.listColumns = this.rows.columnList('t', ['identityCodeCiphertext', 'identityCodeHash', 'identityCodeKeyId']);
  }

  async createTrainee(organisationId: string, input: CreateTraineeInput): Promise<Trainee> {
    try {
      return await this.dataSource.transaction((manager) => this.createWith(manager, organisationId, input, 'input'));
    } catch (error) {
      throw mapDuplicateIdentityCode(error, 'input');
    }
  }

  /**
   * Creates a trainee inside the caller's transaction (a referral can bring a new person along).
   * `path` is where the trainee input sits, e.g. `input` or `input.newTrainee`, so refusals name
   * the right field. The caller should pass a unique-violation through `mapDuplicateIdentityCode`.
   */
  async createWith(manager: EntityManager, organisationId: string, input: CreateTraineeInput, path: string): Promise<Trainee> {
    const code = assertIdentityCode(input.identityCode, `${path}.identityCode`);
    const hash = this.cipher.hash(code.normalized);
    // The same person may be a client of another organisation too: each keeps its own record.
    if (await manager.existsBy(Trainee, { organisationId, identityCodeHash: hash })) throw duplicateIdentityCode(path);
    if (
      input.employmentAreaId &&
      !(await manager.existsBy(EmploymentAreaOrganisation, { employmentAreaId: input.employmentAreaId, organisationId }))
    ) {
      throw notFound('EmploymentArea', input.employmentAreaId);
    }
    const { ciphertext, keyId } = this.cipher.encrypt(code.normalized);
    const trainee = manager.create(Trainee, {
      organisationId,
      firstName: input.firstName.trim(),
      lastName: input.lastName.trim(),
      identityCodeCiphertext: ciphertext,
      identityCodeKeyId: keyId,
      identityCodeHash: hash,
      identityCodeTemporary: code.temporary,
      birthDate: code.birthDate,
      languages: input.languages ?? [],
      finnishLevel: input.finnishLevel ?? null,
      immigrantBackground: input.immigrantBackground ?? false,
      email: input.email ?? null,
      phone: input.phone ?? null,
      municipalityCode: input.municipalityCode ?? null,
      employmentAreaId: input.employmentAreaId ?? null,
    });
    return manager.save(trainee);
  }

  /**
   * Who the person is, for a message to an authority that identifies people by identity code
   * (the wage-subsidy application): decrypted here, sealed again in the outbox. Null once
   * pseudonymised.
   */
  async identityForAuthority(
    manager: EntityManager,
    traineeId: string,
  ): Promise<{ identityCode: string; firstName: string; lastName: string; birthDate: string } | null> {
    const trainee = await manager.findOneBy(Trainee, { id: traineeId });
    if (!trainee?.identityCodeCiphertext || !trainee.identityCodeKeyId) return null;
    return {
      identityCode: this.cipher.decrypt(trainee.identityCodeCiphertext, trainee.identityCodeKeyId),
      firstName: trainee.firstName,
      lastName: trainee.lastName,
      birthDate: trainee.birthDate,
    };
  }

  async updateTrainee(input: UpdateTraineeInput): Promise<Trainee> {
    const repository = this.dataSource.getRepository(Trainee);
    const trainee = await repository.findOneBy({ id: input.traineeId });
    if (!trainee) throw notFound('Trainee', input.traineeId);
    if (input.email !== undefined) trainee.email = input.email;
    if (input.phone !== undefined) trainee.phone = input.phone;
    if (input.municipalityCode !== undefined) trainee.municipalityCode = input.municipalityCode;
    if (input.finnishLevel !== undefined) trainee.finnishLevel = input.finnishLevel;
    if (input.languages != null) trainee.languages = input.languages;
    if (input.workLevel != null) trainee.workLevel = input.workLevel;
    return repository.save(trainee);
  }

  /** Finds a person by keyed hash, without decrypting any row. */
  async traineeByIdentityCode(organisationId: string, identityCode: string, manager?: EntityManager): Promise<Trainee | null> {
    const code = assertIdentityCode(identityCode, 'identityCode');
    return (manager ?? this.dataSource.manager)
      .getRepository(Trainee)
      .findOneBy({ organisationId, identityCodeHash: this.cipher.hash(code.normalized) });
  }

  /**
   * One page of the caller's trainees in one statement: the rows, the relations the client
   * selected (`request.selection`, each another module's `TraineeJoin`, handed to
   * `request.loaders`), where each row stands for the caller, and the total count when asked for.
   * Rows are plain objects, not hydrated entities. `caller`: whose trainees `filter.mine` means
   * (the token's staff id, never the client's).
   */
  async trainees(
    filter: TraineeFilter,
    page: PageArgs,
    scope: TraineeScope,
    caller?: Actor,
    request: { selection?: ConnectionSelection; loaders?: unknown } = {},
  ): Promise<Connection<Trainee>> {
    const params = new SqlParams();
    const where = this.listConditions(filter, scope, caller, params.add);
    const first = pageSize(page);
    const keys = ['t.last_name', 't.first_name', 't.id'];
    const pageWhere = [...where];
    if (page.after) {
      const [lastName, firstName, id] = decodeCursor(page.after, ['text', 'text', 'uuid']);
      pageWhere.push(`(${keys.join(', ')}) > (${params.add(lastName)}, ${params.add(firstName)}, ${params.add(id)}::uuid)`);
    }
    const selected = request.selection?.nodeFields;
    const joins = selected && request.loaders ? this.joins.filter((join) => join.fields.some((field) => selected.has(field))) : [];
    const columns = [
      'row_to_json(t) AS row',
      `${caller ? callerScopeSql(caller, scope, params.add, 't') : 'FALSE'} AS in_scope`,
      ...joins.map((join, i) => `${join.sql(params)} AS join_${i}`),
    ];
    const countSql = `(SELECT count(*)::int FROM trainee t WHERE ${where.join(' AND ')})`;
    if (request.selection?.totalCount) columns.push(`${countSql} AS total_count`);
    const rows = await preparedQuery<Record<string, unknown> & { row: unknown; in_scope: boolean; total_count?: number }>(
      this.dataSource,
      `SELECT ${columns.join(', ')}
         FROM (SELECT ${this.listColumns} FROM trainee t WHERE ${pageWhere.join(' AND ')} ORDER BY ${keys.join(', ')} LIMIT ${first + 1}) t
        ORDER BY ${keys.join(', ')}`,
      params.values,
    );
    const loaders = request.loaders as TraineeLoaders | undefined;
    const trainees = rows.map((raw) => {
      const trainee = this.rows.fromJson(raw.row)!;
      (trainee as { [IN_CALLER_SCOPE]?: boolean })[IN_CALLER_SCOPE] = raw.in_scope;
      joins.forEach((join, i) => join.attach(trainee, raw[`join_${i}`], request.loaders));
      loaders?.trainee.prime(trainee.id, trainee);
      return trainee;
    });
    // Counted along with the page; a page past the end has no row to carry the count.
    const counted = rows[0]?.total_count;
    const totalCount = async () => {
      if (counted !== undefined) return counted;
      // The page's statement binds values the count does not use: the count binds its own.
      const own = new SqlParams();
      const conditions = this.listConditions(filter, scope, caller, own.add);
      return Number(
        (await this.dataSource.query(`SELECT count(*)::int AS count FROM trainee t WHERE ${conditions.join(' AND ')}`, own.values))[0].count,
      );
    };
    return connectionFromRows(trainees, first, (node) => ({ node, cursor: encodeCursor([node.lastName, node.firstName, node.id]) }), totalCount);
  }

  /** The list's conditions on the trainee row `t`: the caller's scope, then the filter. */
  private listConditions(filter: TraineeFilter, scope: TraineeScope, caller: Actor | undefined, add: (value: unknown) => string): string[] {
    const mineStaffId = staffIdForMine(filter.mine, caller, 'filter.mine');
    if (scope.kind === 'none') return ['FALSE'];
    const where = [`t.organisation_id = ${add(scope.organisationId)}::uuid`];
    if (scope.kind !== 'organisation') where.push(`t.id IN (${scopeSql(scope, add)})`);
    const name = filter.nameSearch?.trim();
    if (name) {
      const pattern = add(containsPattern(name));
      where.push(`(t.first_name ILIKE ${pattern} OR t.last_name ILIKE ${pattern}
          OR (t.first_name || ' ' || t.last_name) ILIKE ${pattern} OR (t.last_name || ' ' || t.first_name) ILIKE ${pattern})`);
    }
    if (filter.employmentAreaId) where.push(`t.employment_area_id = ${add(filter.employmentAreaId)}::uuid`);
    if (filter.immigrantBackground != null) where.push(`t.immigrant_background = ${add(filter.immigrantBackground)}`);

    // Conditions on the latest period only: an earlier, ended period must not match. The LIMIT 1
    // subquery walks the (trainee_id, start_date) index backwards.
    const latestColumns: Array<[column: string, value: string | null | undefined]> = [
      ['phase', filter.phase],
      ['service_form', filter.serviceForm],
      ['participation_basis', filter.participationBasis],
      ['coach_id', filter.coachId],
    ];
    const latest = latestColumns.filter(([, value]) => value).map(([column, value]) => `latest.${column} = ${add(value)}`);
    if (mineStaffId) {
      const mine = add(mineStaffId);
      latest.push(`(latest.coach_id = ${mine}::uuid OR latest.career_agent_id = ${mine}::uuid)`);
    }
    if (latest.length) {
      where.push(`EXISTS (
          SELECT 1 FROM (
            SELECT p.phase, p.service_form, p.participation_basis, p.coach_id, p.career_agent_id
            FROM coaching_period p
            WHERE p.trainee_id = t.id
            ORDER BY p.start_date DESC, p.id DESC
            LIMIT 1
          ) latest
          WHERE ${latest.join(' AND ')})`);
    }
    if (filter.workUnitId) {
      // Today in Finland, not the database's CURRENT_DATE (UTC on most servers: wrong until 02:00/03:00).
      const today = `${add(todayOf(this.clock))}::date`;
      where.push(`EXISTS (
          SELECT 1 FROM placement pl
          WHERE pl.trainee_id = t.id AND pl.work_unit_id = ${add(filter.workUnitId)}::uuid
            AND pl.start_date <= ${today} AND (pl.end_date IS NULL OR pl.end_date >= ${today}))`);
    }
    return where;
  }

  createLoaders() {
    return {
      trainee: byIdLoader(this.dataSource.getRepository(Trainee)),
    };
  }
}

export function duplicateIdentityCode(path: string): DomainError {
  return conflict(TraineeReason.DUPLICATE_IDENTITY_CODE, 'A trainee with this identity code already exists', {
    fields: [{ path: `${path}.identityCode`, message: 'already registered' }],
  });
}

/** A concurrent insert of the same person passes the check and hits the unique index instead. */
export function mapDuplicateIdentityCode(error: unknown, path: string): unknown {
  if (isUniqueViolation(error) && /identity_code_hash/.test(String((error as { detail?: unknown }).detail ?? ''))) {
    return duplicateIdentityCode(path);
  }
  return error;
}

export function isUniqueViolation(error: unknown): error is QueryFailedError & { code: string; constraint?: string; detail?: string } {
  return error instanceof QueryFailedError && (error as { code?: string }).code === '23505';
}

export type TraineeLoaders = ReturnType<TraineeService['createLoaders']>;
