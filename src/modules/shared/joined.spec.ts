import { attachJoined, joined, joinedOr } from './joined';

describe('joined relations', () => {
  it('tells "not read with the row" (undefined) from "read: there is none" (null)', () => {
    const row = { id: 'a' };
    expect(joined(row, 'currentPeriod')).toBeUndefined();
    attachJoined(row, { currentPeriod: null, coach: { id: 's' } });
    attachJoined(row, { currentPlacement: { id: 'p' } });
    expect(joined(row, 'currentPeriod')).toBeNull();
    expect(joined(row, 'coach')).toEqual({ id: 's' });
    expect(joined(row, 'currentPlacement')).toEqual({ id: 'p' });
    // Kept out of the row's own properties: nothing enumerates or serialises it.
    expect(Object.keys(row)).toEqual(['id']);
    expect(JSON.stringify(row)).toBe('{"id":"a"}');
  });

  it('answers from the row at once, and asks the loader only for what the list did not read', async () => {
    const row = { id: 'a' };
    attachJoined(row, { currentPeriod: null });
    const load = jest.fn(async () => ({ id: 'loaded' }));
    expect(joinedOr(row, 'currentPeriod', load)).toBeNull();
    expect(load).not.toHaveBeenCalled();
    await expect(joinedOr(row, 'latestCapacityAssessment', load)).resolves.toEqual({ id: 'loaded' });
    expect(load).toHaveBeenCalledTimes(1);
  });
});
