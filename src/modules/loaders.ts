import type { Services } from './services';

/** Per-request DataLoaders of every module; created fresh for each operation. */
export function createLoaders(services: Services) {
  return {
    ...services.organisation.createLoaders(),
    history: services.history.createLoader(),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
