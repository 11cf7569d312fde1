import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';

import { badInput, conflict, notFound } from '../../platform/errors';
import { compareDates, IsoDate } from '../shared/calendar';
import { groupedLoader, isUuid, singleLoader } from '../shared/loaders';
import { CommonReason } from '../shared/reasons';
import { Indicator, IndicatorMeasurement, IndicatorTarget } from './indicator.entities';
import { CreateIndicatorInput, RecordIndicatorMeasurementInput, SetIndicatorTargetInput } from './indicator.inputs';
import { IndicatorReason } from './indicator.reasons';
import { isOnTrack } from './indicator-progress';

export interface IndicatorProgress {
  year: number;
  target: number | null;
  latest: number | null;
  latestMeasuredOn: IsoDate | null;
  baseline: number | null;
  baselineYear: number | null;
  onTrack: boolean | null;
}

export interface DateRangeArgs {
  from?: IsoDate | null;
  to?: IsoDate | null;
}

export class IndicatorService {
  constructor(private readonly dataSource: DataSource) {}

  list(organisationId: string): Promise<Indicator[]> {
    return this.dataSource.getRepository(Indicator).find({ where: { organisationId }, order: { code: 'ASC' } });
  }

  /** Another organisation's indicator is not found. */
  async byId(organisationId: string, id: string): Promise<Indicator> {
    const indicator = isUuid(id) ? await this.dataSource.getRepository(Indicator).findOneBy({ id, organisationId }) : null;
    if (!indicator) throw notFound('Indicator', id);
    return indicator;
  }

  async create(organisationId: string, input: CreateIndicatorInput): Promise<Indicator> {
    const repository = this.dataSource.getRepository(Indicator);
    if (await repository.existsBy({ organisationId, code: input.code })) {
      throw conflict(IndicatorReason.INDICATOR_CODE_EXISTS, 'An indicator with this code already exists', {
        fields: [{ path: 'input.code', message: 'already in use' }],
      });
    }
    return repository.save({
      organisationId,
      code: input.code,
      name: input.name,
      unit: input.unit,
      baselineValue: input.baselineValue ?? null,
      baselineYear: input.baselineYear ?? null,
      higherIsBetter: input.higherIsBetter,
    });
  }

  /** One target per indicator and year: setting it again replaces the value. */
  async setTarget(organisationId: string, input: SetIndicatorTargetInput): Promise<{ indicator: Indicator; target: IndicatorTarget }> {
    const indicator = await this.byId(organisationId, input.indicatorId);
    const repository = this.dataSource.getRepository(IndicatorTarget);
    await repository.upsert({ indicatorId: indicator.id, year: input.year, value: input.value }, ['indicatorId', 'year']);
    const target = await repository.findOneByOrFail({ indicatorId: indicator.id, year: input.year });
    return { indicator, target };
  }

  async recordMeasurement(
    organisationId: string,
    input: RecordIndicatorMeasurementInput,
  ): Promise<{ indicator: Indicator; measurement: IndicatorMeasurement }> {
    const indicator = await this.byId(organisationId, input.indicatorId);
    const measurement = await this.dataSource.getRepository(IndicatorMeasurement).save({
      indicatorId: indicator.id,
      measuredOn: input.measuredOn,
      value: input.value,
      note: input.note ?? null,
    });
    return { indicator, measurement };
  }

  createLoaders() {
    const repository = this.dataSource.getRepository(IndicatorMeasurement);
    const measurementLoaders = new Map<string, DataLoader<string, IndicatorMeasurement[]>>();
    const progressLoaders = new Map<number, DataLoader<string, Omit<IndicatorProgress, 'year' | 'baseline' | 'baselineYear' | 'onTrack'>>>();
    return {
      indicatorTargets: groupedLoader<string, IndicatorTarget>(
        (ids) => this.dataSource.getRepository(IndicatorTarget).find({ where: { indicatorId: In([...ids]) }, order: { year: 'ASC' } }),
        (target) => target.indicatorId,
      ),
      latestIndicatorMeasurement: singleLoader<string, IndicatorMeasurement>(
        (ids) => this.latestMeasurements(ids, null),
        (m) => m.indicatorId,
      ),
      /** One loader per date range, so fields with the same arguments batch together. */
      indicatorMeasurements: ({ from, to }: DateRangeArgs) => {
        if (from && to && compareDates(from, to) > 0) throw badInput('to', 'to must not be before from', CommonReason.INVALID_RANGE);
        const key = `${from ?? ''}|${to ?? ''}`;
        let loader = measurementLoaders.get(key);
        if (!loader) {
          loader = groupedLoader<string, IndicatorMeasurement>(
            (ids) => {
              const query = repository.createQueryBuilder('m').where('m.indicatorId IN (:...ids)', { ids: [...ids] });
              if (from) query.andWhere('m.measuredOn >= :from', { from });
              if (to) query.andWhere('m.measuredOn <= :to', { to });
              return query.orderBy('m.measuredOn', 'ASC').addOrderBy('m.createdAt', 'ASC').getMany();
            },
            (m) => m.indicatorId,
          );
          measurementLoaders.set(key, loader);
        }
        return loader;
      },
      /** Target of the year and the latest measurement up to the end of that year. */
      indicatorProgress: (year: number) => {
        let loader = progressLoaders.get(year);
        if (!loader) {
          loader = new DataLoader(async (ids: readonly string[]) => {
            const [targets, latest] = await Promise.all([
              this.dataSource.getRepository(IndicatorTarget).findBy({ indicatorId: In([...ids]), year }),
              this.latestMeasurements(ids, `${year}-12-31`),
            ]);
            const targetOf = new Map(targets.map((t) => [t.indicatorId, t.value]));
            const latestOf = new Map(latest.map((m) => [m.indicatorId, m]));
            return ids.map((id) => ({
              target: targetOf.get(id) ?? null,
              latest: latestOf.get(id)?.value ?? null,
              latestMeasuredOn: latestOf.get(id)?.measuredOn ?? null,
            }));
          });
          progressLoaders.set(year, loader);
        }
        return loader;
      },
    };
  }

  progress(indicator: Indicator, facts: Omit<IndicatorProgress, 'year' | 'baseline' | 'baselineYear' | 'onTrack'>, year: number): IndicatorProgress {
    return {
      year,
      ...facts,
      baseline: indicator.baselineValue,
      baselineYear: indicator.baselineYear,
      onTrack: isOnTrack({ target: facts.target, latest: facts.latest, higherIsBetter: indicator.higherIsBetter }),
    };
  }

  private latestMeasurements(ids: readonly string[], upTo: IsoDate | null): Promise<IndicatorMeasurement[]> {
    const query = this.dataSource
      .getRepository(IndicatorMeasurement)
      .createQueryBuilder('m')
      .distinctOn(['m.indicatorId'])
      .where('m.indicatorId IN (:...ids)', { ids: [...ids] });
    if (upTo) query.andWhere('m.measuredOn <= :upTo', { upTo });
    return query.orderBy('m.indicatorId').addOrderBy('m.measuredOn', 'DESC').addOrderBy('m.createdAt', 'DESC').getMany();
  }
}

export type IndicatorLoaders = ReturnType<IndicatorService['createLoaders']>;
