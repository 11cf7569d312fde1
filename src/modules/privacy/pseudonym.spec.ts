import { createHash } from 'node:crypto';

import { birthYearOnly, pseudonymDisplayName, pseudonymFor, pseudonymSql } from './pseudonym';

describe('pseudonymFor', () => {
  const id = '3f1c2b9e-7a4d-4c1e-9b2a-0d5e6f7a8b9c';

  it('is stable: the same id always gives the same pseudonym', () => {
    expect(pseudonymFor(id)).toEqual(pseudonymFor(id));
    expect(pseudonymFor(id.toUpperCase())).toEqual(pseudonymFor(id));
  });

  it('is "Pseudonym" plus the first 10 hex digits of SHA-256 of the id, upper case', () => {
    const expected = createHash('sha256').update(id).digest('hex').slice(0, 10).toUpperCase();
    expect(pseudonymFor(id)).toEqual({ firstName: 'Pseudonym', lastName: expected });
    expect(pseudonymDisplayName(id)).toBe(`Pseudonym ${expected}`);
    expect(pseudonymFor(id).lastName).toMatch(/^[0-9A-F]{10}$/);
  });

  it('differs between trainees (no collisions over 20 000 ids)', () => {
    const names = new Set<string>();
    for (let i = 0; i < 20000; i++) names.add(pseudonymFor(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`).lastName);
    expect(names.size).toBe(20000);
  });

  it('has an SQL twin over the same input (lower-case text of the uuid, SHA-256, 10 hex digits)', () => {
    expect(pseudonymSql('t.id')).toBe(`upper(left(encode(sha256(convert_to(lower(t.id::text), 'UTF8')), 'hex'), 10))`);
  });
});

describe('birthYearOnly', () => {
  it.each([
    ['1985-07-23', '1985-01-01'],
    ['2004-12-31', '2004-01-01'],
    ['1999-01-01', '1999-01-01'],
  ])('%s → %s', (date, expected) => {
    expect(birthYearOnly(date)).toBe(expected);
  });
});
