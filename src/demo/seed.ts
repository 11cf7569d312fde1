import type { DataSource } from 'typeorm';

/** True when no demo-relevant data exists yet (first start). */
export async function isDatabaseEmpty(dataSource: DataSource): Promise<boolean> {
  void dataSource;
  return true;
}

export async function seedDemoData(dataSource: DataSource): Promise<Record<string, number>> {
  void dataSource;
  return {};
}
