import type { DataSource } from 'typeorm';
import type { PersonalDataCipher } from '../platform/crypto';

/** True when no demo-relevant data exists yet (first start). */
export async function isDatabaseEmpty(dataSource: DataSource): Promise<boolean> {
  const [row] = await dataSource.query('SELECT NOT EXISTS (SELECT 1 FROM department) AND NOT EXISTS (SELECT 1 FROM trainee) AS empty');
  return row.empty === true;
}

export async function seedDemoData(dataSource: DataSource, cipher: PersonalDataCipher): Promise<Record<string, number>> {
  void dataSource;
  void cipher;
  return {};
}
