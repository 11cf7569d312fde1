import { CaseManagerResolver, OrganisationResolver, WorkUnitResolver } from './organisation/organisation.resolver';
import { SystemResolver } from './system/system.resolver';

/** Every resolver class; the schema is built from this list. */
export const allResolvers = [SystemResolver, OrganisationResolver, WorkUnitResolver, CaseManagerResolver] as const;
