import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';

import { enforcePermissionMatrix } from '../modules/access/access-enforcer';
import { applyViewNullability } from '../modules/access/view-nullability';
import { assertUnambiguousArguments, validateArgument } from '../platform/graphql/argument-validation';
import { guardSchemaInputs } from '../platform/graphql/input-guard';
import { createResolvers, resolverClasses } from './resolvers';
import type { Services } from './services';

/**
 * The schema, built from the resolver classes; `npm run schema` prints it to schema/schema.graphql.
 * Without services (printing the SDL, tests of its shape) nothing can be resolved.
 */
export async function buildPolkuSchema(services?: Services): Promise<GraphQLSchema> {
  const instances = services ? createResolvers(services) : undefined;
  const schema = await buildSchema({
    resolvers: resolverClasses as unknown as [Function, ...Function[]],
    container: {
      get: (resolverClass: Function) => {
        const instance = instances?.get(resolverClass);
        if (!instance)
          throw new Error(
            `${resolverClass.name} is not in the resolver registry (src/app/resolvers.ts)${instances ? '' : ': the schema was built without services'}`,
          );
        return instance;
      },
    },
    // class-validator rules, reported on the real argument's path (argument-validation.ts).
    validateFn: validateArgument,
    emitSchemaFile: false,
  });
  assertUnambiguousArguments(schema);
  // The permission matrix (src/modules/access/permission-matrix.ts), woven into the resolvers; then
  // the input guard around everything, so strings, lists and ids are checked before anything runs.
  return guardSchemaInputs(enforcePermissionMatrix(applyViewNullability(schema)));
}
