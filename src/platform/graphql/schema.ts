import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AccessMiddleware } from '../../modules/access/access.middleware';
import { applyViewNullability } from '../../modules/access/view-nullability';
import { allResolvers } from '../../modules/resolvers';
import { assertUnambiguousArguments, validateArgument } from './argument-validation';
import { guardSchemaInputs } from './input-guard';

/** The schema is built from the resolver classes; `npm run schema` prints it to schema/schema.graphql. */
export async function buildPolkuSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: allResolvers as unknown as [Function, ...Function[]],
    // class-validator rules, reported on the real argument's path (argument-validation.ts).
    validateFn: validateArgument,
    emitSchemaFile: false,
    // The permission matrix, enforced on every field (src/modules/access/permission-matrix.ts).
    globalMiddlewares: [AccessMiddleware],
  });
  assertUnambiguousArguments(schema);
  // Last, so that it wraps the final resolvers: strings, lists and ids are checked before anything runs.
  return guardSchemaInputs(applyViewNullability(schema));
}
