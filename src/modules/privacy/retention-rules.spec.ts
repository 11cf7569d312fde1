import {
  cutoffsParameter,
  retentionBatchSql,
  retentionCutoff,
  retentionCutoffs,
  retentionDecision,
  retentionEligibilitySql,
  RetentionFacts,
} from './retention-rules';

describe('retentionCutoff', () => {
  it.each([
    ['2036-05-01', 10, '2026-05-01'],
    ['2026-11-20', 10, '2016-11-20'],
    ['2026-11-20', 1, '2025-11-20'],
    // 29 February: the same day ten years back does not exist in 2018 → 28 February.
    ['2028-02-29', 10, '2018-02-28'],
    ['2024-02-29', 8, '2016-02-29'],
    ['2026-01-01', 3, '2023-01-01'],
  ])('today %s, %i years → %s', (today, years, expected) => {
    expect(retentionCutoff(today, years)).toBe(expected);
  });

  it.each([0, -1, 2.5, Number.NaN])('refuses %p years', (years) => {
    expect(() => retentionCutoff('2026-01-01', years)).toThrow(RangeError);
  });
});

describe('retentionDecision', () => {
  const cutoff = '2016-11-20';
  const closed = (lastActivity: string): RetentionFacts => ({ openPeriods: 0, openReferrals: 0, lastActivity, pseudonymised: false });

  it('pseudonymises a trainee whose matter closed before the cut-off', () => {
    expect(retentionDecision(closed('2016-11-19'), cutoff)).toBe('PSEUDONYMISE');
    expect(retentionDecision(closed('2001-03-01'), cutoff)).toBe('PSEUDONYMISE');
  });

  it('keeps one that closed on the cut-off day or later: exactly N years is not "longer ago"', () => {
    expect(retentionDecision(closed('2016-11-20'), cutoff)).toBe('WITHIN_RETENTION');
    expect(retentionDecision(closed('2020-01-01'), cutoff)).toBe('WITHIN_RETENTION');
  });

  it('keeps anyone with an open period or an open referral, however old the rest is', () => {
    expect(retentionDecision({ ...closed('2001-01-01'), openPeriods: 1 }, cutoff)).toBe('OPEN_PERIOD');
    expect(retentionDecision({ ...closed('2001-01-01'), openReferrals: 1 }, cutoff)).toBe('OPEN_REFERRAL');
  });

  it('never touches a trainee twice', () => {
    expect(retentionDecision({ ...closed('2001-01-01'), pseudonymised: true }, cutoff)).toBe('ALREADY_PSEUDONYMISED');
  });
});

describe('retention SQL', () => {
  const sql = retentionEligibilitySql('$1');

  it('states the same rule as retentionDecision', () => {
    expect(sql).toContain('t.pseudonymised_at IS NULL');
    expect(sql).toMatch(
      /NOT EXISTS \(SELECT 1 FROM coaching_period p WHERE p\.trainee_id = t\.id\s+AND \(p\.end_date IS NULL OR p\.phase NOT IN \('ENDED', 'FOLLOW_UP'\)\)\)/,
    );
    expect(sql).toContain(`r.state IN ('RECEIVED', 'ACCEPTED')`);
    expect(sql).toMatch(/< COALESCE\(\(\$1::jsonb ->> t\.organisation_id::text\), \$1::jsonb ->> 'default'\)::date$/);
    // Last activity: period ends, follow-ups, referral dates in Finnish time; creation day as the fallback.
    expect(sql).toContain('max(p.end_date)');
    expect(sql).toContain('max(o.observed_on)');
    expect(sql).toContain(`(r.received_at AT TIME ZONE 'Europe/Helsinki')::date`);
    expect(sql).toContain(`(t.created_at AT TIME ZONE 'Europe/Helsinki')::date)`);
  });

  it('selects a batch in id order, locking the rows and skipping locked ones', () => {
    const batch = retentionBatchSql();
    expect(batch).toMatch(/ORDER BY t\.id\s+LIMIT \$2\s+FOR UPDATE OF t SKIP LOCKED$/);
    expect(batch).toContain(sql);
  });

  it('can use another alias', () => {
    expect(retentionEligibilitySql('$3', 'x')).toContain('x.pseudonymised_at IS NULL');
    expect(retentionEligibilitySql('$3', 'x')).not.toMatch(/\bt\./);
  });
});

describe('retentionCutoffs', () => {
  it('gives each organisation its own period, the deployment’s where it has none', () => {
    const cutoffs = retentionCutoffs('2026-11-18', 10, [
      { id: 'a', retentionYears: 5 },
      { id: 'b', retentionYears: null },
    ]);
    expect(cutoffs).toEqual({
      default: '2016-11-18',
      byOrganisation: { a: { retentionYears: 5, cutoff: '2021-11-18' }, b: { retentionYears: 10, cutoff: '2016-11-18' } },
    });
    expect(JSON.parse(cutoffsParameter(cutoffs))).toEqual({ default: '2016-11-18', a: '2021-11-18', b: '2016-11-18' });
  });
});
