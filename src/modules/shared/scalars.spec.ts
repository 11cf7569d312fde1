import { LocalDateResolver } from 'graphql-scalars';

import { LocalDate } from './scalars';

describe('LocalDate', () => {
  it('answers every value as graphql-scalars does, the second time too', () => {
    for (const value of ['2026-12-01', '2024-02-29', '2026-12-01', '2024-02-29']) {
      expect(LocalDate.serialize(value)).toEqual(LocalDateResolver.serialize(value));
    }
  });

  it('refuses what graphql-scalars refuses, every time (a refusal is never remembered)', () => {
    for (const value of ['2025-02-30', '2025-02-30', '1.12.2026', 42, new Date('2026-12-01T10:00:00Z')]) {
      expect(() => LocalDateResolver.serialize(value)).toThrow();
      expect(() => LocalDate.serialize(value)).toThrow();
    }
  });

  it('keeps its name, description and input parsing', () => {
    expect(LocalDate.name).toBe(LocalDateResolver.name);
    expect(LocalDate.description).toBe(LocalDateResolver.description);
    expect(LocalDate.parseValue('2026-12-01')).toEqual(LocalDateResolver.parseValue('2026-12-01'));
    expect(() => LocalDate.parseValue('2026-13-01')).toThrow();
  });
});
