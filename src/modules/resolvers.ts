import { SystemResolver } from './system/system.resolver';

/** Every resolver class; the schema is built from this list. */
export const allResolvers = [SystemResolver] as const;
