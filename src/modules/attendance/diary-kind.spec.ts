import { DiaryEntryKind, traineeMayWriteDiaryKind } from './diary-kind';

describe('diary kinds a trainee writes', () => {
  it('lets a trainee write their learning diary and keeps the daily log the staff’s', () => {
    expect(traineeMayWriteDiaryKind(DiaryEntryKind.LEARNING_DIARY)).toBe(true);
    expect(traineeMayWriteDiaryKind(DiaryEntryKind.DAILY_LOG)).toBe(false);
  });

  it('decides every kind (a new kind is staff-only until said otherwise)', () => {
    const allowed = Object.values(DiaryEntryKind).filter(traineeMayWriteDiaryKind);
    expect(allowed).toEqual([DiaryEntryKind.LEARNING_DIARY]);
  });
});
