import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';

import type { Actor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { badInput, conflict, notFound } from '../../platform/errors';
import { CoachingPeriod } from '../coaching-period/coaching-period.entities';
import { acceptsTraineeEntries } from '../coaching-period/current-period';
import { compareDates, todayOf } from '../shared/calendar';
import { byIdLoader, groupedLoader, singleLoader } from '../shared/loaders';
import { CommonReason } from '../shared/reasons';
import { assertAssessedWithinPeriod, compareAssessments, DimensionChange, ItemScore, validateScores } from './assessment-change';
import { CapacityAssessment, CapacityDimensionDefinition, CapacityInstrument, CapacityItem, CapacityScore } from './capacity.entities';
import { CreateCapacityInstrumentInput, RecordCapacityAssessmentInput, RecordSelfAssessmentInput } from './capacity.inputs';
import { CapacityReason } from './capacity.reasons';

/** A stored score together with the dimension its item belongs to. */
export type DimensionScore = CapacityScore & { dimensionCode: string; dimensionPosition: number };

export interface DimensionMean {
  dimensionCode: string;
  mean: number;
}

/**
 * Work and functional capacity (työ- ja toimintakyky) is special-category health data: nothing
 * here logs scores, notes or summaries, and errors name only input paths.
 */
export class CapacityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The national instruments and the organisation's own. */
  capacityInstruments(organisationId: string): Promise<CapacityInstrument[]> {
    return this.dataSource
      .getRepository(CapacityInstrument)
      .createQueryBuilder('instrument')
      .where('(instrument.organisationId IS NULL OR instrument.organisationId = :organisationId)', { organisationId })
      .orderBy('instrument.code', 'ASC')
      .addOrderBy('instrument.version', 'DESC')
      .addOrderBy('instrument.id', 'ASC')
      .getMany();
  }

  /** An organisation's own instrument (or a new version of it); the national ones come with the deployment. */
  async createCapacityInstrument(organisationId: string, input: CreateCapacityInstrumentInput): Promise<CapacityInstrument> {
    assertUnique(
      input.dimensions.map((d) => d.code),
      (i) => `input.dimensions[${i}].code`,
    );
    input.dimensions.forEach((dimension, d) =>
      assertUnique(
        dimension.items.map((item) => item.code),
        (i) => `input.dimensions[${d}].items[${i}].code`,
      ),
    );
    return this.dataSource.transaction(async (manager) => {
      // Old versions stay as they are because past assessments were scored against them.
      const latest = await manager
        .createQueryBuilder(CapacityInstrument, 'instrument')
        .setLock('pessimistic_write')
        .where('instrument.code = :code', { code: input.code })
        .andWhere('instrument.organisationId = :organisationId', { organisationId })
        .orderBy('instrument.version', 'DESC')
        .getOne();
      if (latest && latest.version >= input.version) {
        throw conflict(CapacityReason.INSTRUMENT_VERSION_NOT_NEW, 'A meter version is never changed: create a higher version', {
          fields: [{ path: 'input.version', message: `must be greater than ${latest.version}` }],
          details: { latestVersion: latest.version },
        });
      }
      const instrument = await manager.save(
        CapacityInstrument,
        manager.create(CapacityInstrument, {
          organisationId,
          code: input.code,
          version: input.version,
          name: input.name,
          source: input.source ?? null,
          selfAssessmentForm: input.selfAssessmentForm ?? false,
        }),
      );
      for (const [position, dimensionInput] of input.dimensions.entries()) {
        const dimension = await manager.save(
          CapacityDimensionDefinition,
          manager.create(CapacityDimensionDefinition, {
            instrumentId: instrument.id,
            code: dimensionInput.code,
            name: dimensionInput.name,
            position,
          }),
        );
        await manager.insert(
          CapacityItem,
          dimensionInput.items.map((item, itemPosition) => ({ dimensionId: dimension.id, code: item.code, text: item.text, position: itemPosition })),
        );
      }
      return instrument;
    });
  }

  async recordAssessment(input: RecordCapacityAssessmentInput, actor: Actor): Promise<CapacityAssessment> {
    validateScores(input.scores.map((s) => ({ itemId: s.itemId, dimension: '', score: s.score })));
    if (compareDates(input.assessedOn, todayOf(this.clock)) > 0) {
      throw badInput('input.assessedOn', 'An assessment cannot be dated in the future', CapacityReason.ASSESSED_IN_FUTURE);
    }
    return this.dataSource.transaction(async (manager) => {
      // Share lock: ending the period (which sets its end date) waits for this assessment.
      const period = await manager.findOne(CoachingPeriod, { where: { id: input.periodId }, lock: { mode: 'pessimistic_read' } });
      if (!period) throw badInput('input.periodId', 'No such coaching period', CommonReason.PERIOD_NOT_FOUND);
      assertAssessedWithinPeriod(input.assessedOn, { start: period.startDate, end: period.endDate });
      if (!(await manager.existsBy(CapacityInstrument, { id: input.instrumentId }))) {
        throw badInput('input.instrumentId', 'No such capacity instrument', CapacityReason.INSTRUMENT_NOT_FOUND);
      }
      return this.saveAssessment(manager, period, { ...input, selfAssessed: false }, actor);
    });
  }

  /**
   * The trainee's own answer to a meter's self-assessment form (Kykyviisari), on their own current
   * period, stored beside the staff's assessments and marked `selfAssessed`. Only the trainee
   * themselves records one (the matrix); a meter without a self-assessment form is refused.
   */
  async recordSelfAssessment(input: RecordSelfAssessmentInput, actor: Actor): Promise<CapacityAssessment> {
    validateScores(input.scores.map((s) => ({ itemId: s.itemId, dimension: '', score: s.score })));
    const assessedOn = input.assessedOn ?? todayOf(this.clock);
    if (compareDates(assessedOn, todayOf(this.clock)) > 0) {
      throw badInput('input.assessedOn', 'An assessment cannot be dated in the future', CapacityReason.ASSESSED_IN_FUTURE);
    }
    return this.dataSource.transaction(async (manager) => {
      const period = await manager.findOne(CoachingPeriod, { where: { id: input.periodId }, lock: { mode: 'pessimistic_read' } });
      // The matrix already refused anyone else's period; this holds even if a rule were changed.
      if (!period || !actor.traineeId || period.traineeId !== actor.traineeId) throw notFound('period', input.periodId);
      const periods = await manager.find(CoachingPeriod, { where: { traineeId: period.traineeId } });
      if (!acceptsTraineeEntries(period.id, periods)) {
        throw badInput(
          'input.periodId',
          "A self-assessment is recorded on the trainee's own current, ongoing period",
          CommonReason.NOT_CURRENT_PERIOD,
        );
      }
      assertAssessedWithinPeriod(assessedOn, { start: period.startDate, end: period.endDate });
      const instrument = await manager.findOneBy(CapacityInstrument, { id: input.instrumentId });
      if (!instrument) throw badInput('input.instrumentId', 'No such capacity instrument', CapacityReason.INSTRUMENT_NOT_FOUND);
      if (!instrument.selfAssessmentForm) {
        throw badInput(
          'input.instrumentId',
          'The instrument has no self-assessment form: staff assess with it',
          CapacityReason.NO_SELF_ASSESSMENT_FORM,
        );
      }
      return this.saveAssessment(manager, period, { ...input, assessedOn, selfAssessed: true }, actor);
    });
  }

  /** The assessment and its scores, each item checked against the meter. */
  private async saveAssessment(
    manager: EntityManager,
    period: CoachingPeriod,
    input: {
      instrumentId: string;
      assessedOn: string;
      summary?: string | null;
      scores: Array<{ itemId: string; score: number; note?: string | null }>;
      selfAssessed: boolean;
    },
    actor: Actor,
  ): Promise<CapacityAssessment> {
    const items = await manager
      .createQueryBuilder(CapacityItem, 'item')
      .innerJoin(CapacityDimensionDefinition, 'dimension', 'dimension.id = item.dimensionId')
      .where('dimension.instrumentId = :instrumentId', { instrumentId: input.instrumentId })
      .select('item.id', 'id')
      .getRawMany<{ id: string }>();
    const own = new Set(items.map((item) => item.id));
    input.scores.forEach((score, index) => {
      if (!own.has(score.itemId)) {
        throw badInput(`input.scores[${index}].itemId`, 'The item does not belong to the chosen instrument', CapacityReason.ITEM_NOT_IN_INSTRUMENT);
      }
    });
    const assessment = await manager.save(
      CapacityAssessment,
      manager.create(CapacityAssessment, {
        periodId: period.id,
        traineeId: period.traineeId,
        instrumentId: input.instrumentId,
        assessedOn: input.assessedOn,
        assessorId: actor.userId,
        selfAssessed: input.selfAssessed,
        summary: input.summary ?? null,
      }),
    );
    await manager.insert(
      CapacityScore,
      input.scores.map((score) => ({ assessmentId: assessment.id, itemId: score.itemId, score: score.score, note: score.note ?? null })),
    );
    return assessment;
  }

  capacityAssessments(periodId: string): Promise<CapacityAssessment[]> {
    return this.dataSource.getRepository(CapacityAssessment).find({ where: { periodId }, order: { assessedOn: 'ASC', createdAt: 'ASC' } });
  }

  /** Per-dimension means of the earlier and the later assessment of one trainee. */
  async capacityChange(fromAssessmentId: string, toAssessmentId: string): Promise<DimensionChange[]> {
    const repository = this.dataSource.getRepository(CapacityAssessment);
    const found = await repository.findBy({ id: In([fromAssessmentId, toAssessmentId]) });
    const from = found.find((a) => a.id === fromAssessmentId);
    const to = found.find((a) => a.id === toAssessmentId);
    if (!from) throw notFound('CapacityAssessment', fromAssessmentId);
    if (!to) throw notFound('CapacityAssessment', toAssessmentId);
    if (from.traineeId !== to.traineeId) {
      throw badInput('toAssessmentId', 'Both assessments must be of the same trainee', CapacityReason.DIFFERENT_TRAINEES);
    }
    const scores = await this.scoresOf([from.id, to.id]);
    const toItemScores = (assessmentId: string): ItemScore[] =>
      scores.filter((s) => s.assessmentId === assessmentId).map((s) => ({ itemId: s.itemId, dimension: s.dimensionCode, score: s.score }));
    // The later assessment's meter decides the order; dimensions only the earlier had follow.
    const order = [...scores]
      .sort((a, b) => Number(a.assessmentId !== to.id) - Number(b.assessmentId !== to.id) || a.dimensionPosition - b.dimensionPosition)
      .map((s) => s.dimensionCode);
    return compareAssessments(toItemScores(from.id), toItemScores(to.id), [...new Set(order)]);
  }

  createLoaders() {
    const ordered = { position: 'ASC' as const, id: 'ASC' as const };
    return {
      capacityInstrument: byIdLoader(this.dataSource.getRepository(CapacityInstrument)),
      capacityAssessment: byIdLoader(this.dataSource.getRepository(CapacityAssessment)),
      capacityItem: byIdLoader(this.dataSource.getRepository(CapacityItem)),
      capacityDimensionsByInstrument: groupedLoader<string, CapacityDimensionDefinition>(
        (ids) => this.dataSource.getRepository(CapacityDimensionDefinition).find({ where: { instrumentId: In([...ids]) }, order: ordered }),
        (row) => row.instrumentId,
      ),
      capacityItemsByDimension: groupedLoader<string, CapacityItem>(
        (ids) => this.dataSource.getRepository(CapacityItem).find({ where: { dimensionId: In([...ids]) }, order: ordered }),
        (row) => row.dimensionId,
      ),
      capacityScoresByAssessment: groupedLoader<string, DimensionScore>(
        (ids) => this.scoresOf(ids),
        (row) => row.assessmentId,
      ),
      latestCapacityAssessment: singleLoader<string, CapacityAssessment>(
        (traineeIds) =>
          // One statement per batch: the newest assessment of each trainee (index trainee_id, assessed_on).
          this.dataSource
            .getRepository(CapacityAssessment)
            .createQueryBuilder('assessment')
            .distinctOn(['assessment.trainee_id'])
            .where('assessment.traineeId IN (:...traineeIds)', { traineeIds })
            .orderBy('assessment.trainee_id')
            .addOrderBy('assessment.assessed_on', 'DESC')
            .addOrderBy('assessment.created_at', 'DESC')
            .getMany(),
        (row) => row.traineeId,
      ),
    };
  }

  /** Scores with their dimension, in meter order, in one statement. */
  private async scoresOf(assessmentIds: readonly string[]): Promise<DimensionScore[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT score.id, score.created_at, score.updated_at, score.assessment_id, score.item_id, score.score, score.note,
              dimension.code AS dimension_code, dimension.position AS dimension_position
         FROM capacity_score score
         JOIN capacity_item item ON item.id = score.item_id
         JOIN capacity_dimension_definition dimension ON dimension.id = item.dimension_id
        WHERE score.assessment_id = ANY($1::uuid[])
        ORDER BY dimension.position, item.position, score.id`,
      [assessmentIds],
    );
    return rows.map((row) =>
      Object.assign(new CapacityScore(), {
        id: row.id as string,
        createdAt: row.created_at as Date,
        updatedAt: row.updated_at as Date,
        assessmentId: row.assessment_id as string,
        itemId: row.item_id as string,
        score: Number(row.score),
        note: (row.note as string | null) ?? null,
        dimensionCode: row.dimension_code as string,
        dimensionPosition: Number(row.dimension_position),
      }),
    );
  }
}

/** Means per dimension, in meter order, rounded like the change report. */
export function dimensionMeans(scores: readonly DimensionScore[]): DimensionMean[] {
  const order = [...new Set(scores.map((s) => s.dimensionCode))];
  return compareAssessments(
    [],
    scores.map((s) => ({ itemId: s.itemId, dimension: s.dimensionCode, score: s.score })),
    order,
  ).map((row) => ({ dimensionCode: row.dimension, mean: row.laterMean! }));
}

function assertUnique(codes: readonly string[], pathOf: (index: number) => string): void {
  const seen = new Set<string>();
  codes.forEach((code, index) => {
    if (seen.has(code)) throw badInput(pathOf(index), 'Codes must be unique', CommonReason.DUPLICATE_CODE);
    seen.add(code);
  });
}

export type CapacityLoaders = ReturnType<CapacityService['createLoaders']>;
