export enum DiaryEntryKind {
  /** The coach's daily documentation of learning and capacity. */
  DAILY_LOG = 'DAILY_LOG',
  /** Oppimispäiväkirja: the trainee's own learning diary. */
  LEARNING_DIARY = 'LEARNING_DIARY',
}

/** The kinds a trainee writes themselves: their own learning diary; daily logs are the coach's documentation. */
export function traineeMayWriteDiaryKind(kind: DiaryEntryKind): boolean {
  return kind === DiaryEntryKind.LEARNING_DIARY;
}
