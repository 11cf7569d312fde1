import type { DataSource, EntityManager } from 'typeorm';
import { QueryFailedError } from 'typeorm';

import type { Actor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { AppConfig } from '../../platform/config';
import { PersonalDataCipher } from '../../platform/crypto';
import { conflict, DomainError, notFound } from '../../platform/errors';
import { applyTraineeScope, TraineeScope } from '../access/trainee-scope';
import { staffIdForMine } from '../me/mine';
import { EmploymentAreaOrganisation } from '../organisation/organisation.entities';
import { todayOf } from '../shared/calendar';
import { byIdLoader } from '../shared/loaders';
import { Connection, PageArgs, paginate } from '../shared/pagination';
import { containsPattern } from '../shared/search';
import { assertIdentityCode } from './identity-code';
import { Trainee } from './trainee.entity';
import { CreateTraineeInput, TraineeFilter, UpdateTraineeInput } from './trainee.inputs';
import { TraineeReason } from './trainee.reasons';

export class TraineeService {
  private readonly cipher: PersonalDataCipher;

  constructor(
    private readonly dataSource: DataSource,
    config: Pick<AppConfig, 'keyRing'>,
    private readonly clock: Clock,
  ) {
    this.cipher = new PersonalDataCipher(config.keyRing);
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
  async traineeByIdentityCode(organisationId: string, identityCode: string): Promise<Trainee | null> {
    const code = assertIdentityCode(identityCode, 'identityCode');
    return this.dataSource.getRepository(Trainee).findOneBy({ organisationId, identityCodeHash: this.cipher.hash(code.normalized) });
  }

  /** `caller`: whose trainees `filter.mine` means (the token's staff id, never the client's). */
  trainees(filter: TraineeFilter, page: PageArgs, scope: TraineeScope, caller?: Actor): Promise<Connection<Trainee>> {
    const mineStaffId = staffIdForMine(filter.mine, caller, 'filter.mine');
    const query = applyTraineeScope(this.dataSource.getRepository(Trainee).createQueryBuilder('trainee'), 'trainee.id', scope, {
      organisationColumn: 'trainee.organisationId',
    });
    if (filter.nameSearch?.trim()) {
      query.andWhere(
        `(trainee.firstName ILIKE :name OR trainee.lastName ILIKE :name
          OR (trainee.firstName || ' ' || trainee.lastName) ILIKE :name
          OR (trainee.lastName || ' ' || trainee.firstName) ILIKE :name)`,
        { name: containsPattern(filter.nameSearch.trim()) },
      );
    }
    if (filter.employmentAreaId) query.andWhere('trainee.employmentAreaId = :areaId', { areaId: filter.employmentAreaId });
    if (filter.immigrantBackground != null) {
      query.andWhere('trainee.immigrantBackground = :immigrant', { immigrant: filter.immigrantBackground });
    }

    // Conditions on the latest period only: an earlier, ended period must not match. The LIMIT 1
    // subquery walks the (trainee_id, start_date) index backwards.
    const latestColumns: Array<[column: string, value: string | null | undefined]> = [
      ['phase', filter.phase],
      ['service_form', filter.serviceForm],
      ['participation_basis', filter.participationBasis],
      ['coach_id', filter.coachId],
    ];
    const latest: string[] = [];
    const params: Record<string, string> = {};
    for (const [column, value] of latestColumns) {
      if (!value) continue;
      latest.push(`latest.${column} = :latest_${column}`);
      params[`latest_${column}`] = value;
    }
    if (mineStaffId) {
      latest.push('(latest.coach_id = :latest_mine OR latest.career_agent_id = :latest_mine)');
      params.latest_mine = mineStaffId;
    }
    if (latest.length) {
      query.andWhere(
        `EXISTS (
          SELECT 1 FROM (
            SELECT p.phase, p.service_form, p.participation_basis, p.coach_id, p.career_agent_id
            FROM coaching_period p
            WHERE p.trainee_id = trainee.id
            ORDER BY p.start_date DESC, p.id DESC
            LIMIT 1
          ) latest
          WHERE ${latest.join(' AND ')})`,
        params,
      );
    }
    if (filter.workUnitId) {
      query.andWhere(
        `EXISTS (
          SELECT 1 FROM placement pl
          WHERE pl.trainee_id = trainee.id AND pl.work_unit_id = :workUnitId
            AND pl.start_date <= :today AND (pl.end_date IS NULL OR pl.end_date >= :today))`,
        // Today in Finland, not the database's CURRENT_DATE (UTC on most servers: wrong until 02:00/03:00).
        { workUnitId: filter.workUnitId, today: todayOf(this.clock) },
      );
    }
    return paginate(query, page, [
      { sql: 'trainee.lastName', value: (t) => t.lastName },
      { sql: 'trainee.firstName', value: (t) => t.firstName },
    ]);
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
