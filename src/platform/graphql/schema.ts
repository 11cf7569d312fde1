import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { allResolvers } from '../../modules/resolvers';
import { authChecker } from '../auth/auth-checker';

/** The schema is built from the resolver classes; `npm run schema` prints it to schema/schema.graphql. */
export async function buildPolkuSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: allResolvers as unknown as [Function, ...Function[]],
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
    authChecker,
  });
}
