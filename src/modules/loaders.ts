import type { DataSource } from 'typeorm';

/** Per-request DataLoaders of every module; created fresh for each operation. */
export function createLoaders(dataSource: DataSource) {
  void dataSource;
  return {};
}

export type Loaders = ReturnType<typeof createLoaders>;
