import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AccessMiddleware } from '../../modules/access/access.middleware';
import { applyViewNullability } from '../../modules/access/view-nullability';
import { allResolvers } from '../../modules/resolvers';

/** The schema is built from the resolver classes; `npm run schema` prints it to schema/schema.graphql. */
export async function buildPolkuSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: allResolvers as unknown as [Function, ...Function[]],
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
    // The permission matrix, enforced on every field (src/modules/access/permission-matrix.ts).
    globalMiddlewares: [AccessMiddleware],
  });
  return applyViewNullability(schema);
}
