import { COACHING_ENVIRONMENT_ORGANISER, periodAsWorkTrial, placementAsWorkTrial } from './work-trial-accounting';

describe('work-trial accounting', () => {
  it('counts a WORK_TRIAL period as a trial of the coaching environment, to its end, else its planned end', () => {
    expect(periodAsWorkTrial({ startDate: '2026-01-05', plannedEndDate: '2026-06-30', endDate: '2026-04-17' }, '2026-11-18')).toEqual({
      organiserKey: COACHING_ENVIRONMENT_ORGANISER,
      start: '2026-01-05',
      end: '2026-04-17',
    });
    expect(periodAsWorkTrial({ startDate: '2026-01-05', plannedEndDate: '2026-06-30', endDate: null }, '2026-11-18').end).toBe('2026-06-30');
  });

  it('counts a legacy period without a planned end up to today, or its first day if it starts later', () => {
    expect(periodAsWorkTrial({ startDate: '2026-01-05', plannedEndDate: null, endDate: null }, '2026-11-18').end).toBe('2026-11-18');
    expect(periodAsWorkTrial({ startDate: '2026-12-07', plannedEndDate: null, endDate: null }, '2026-11-18').end).toBe('2026-12-07');
  });

  it('counts a WORK_TRIAL placement for its unit or company', () => {
    expect(placementAsWorkTrial({ workUnitId: 'u-1', partnerCompanyId: null, startDate: '2026-02-02', endDate: '2026-03-31' })).toEqual({
      organiserKey: 'u-1',
      start: '2026-02-02',
      end: '2026-03-31',
    });
    expect(placementAsWorkTrial({ workUnitId: null, partnerCompanyId: 'c-1', startDate: '2026-02-02', endDate: null })).toEqual({
      organiserKey: 'c-1',
      start: '2026-02-02',
      end: '2026-02-02',
    });
  });
});
