/**
 * Every TypeORM entity, listed once so the data source, the migration generator and the tests
 * agree on the model. Add a module's entities here.
 */
export const allEntities: Function[] = [];
