import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AccessMiddleware } from '../../modules/access/access.middleware';
import { allResolvers } from '../../modules/resolvers';

/** The schema is built from the resolver classes; `npm run schema` prints it to schema/schema.graphql. */
export async function buildPolkuSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: allResolvers as unknown as [Function, ...Function[]],
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
    // The permission matrix, enforced on every field (src/modules/access/permission-matrix.ts).
    globalMiddlewares: [AccessMiddleware],
  });
}
