import fs from 'node:fs';

import { printSchemaFile, schemaFilePath } from '../platform/graphql/print-schema';
import { buildPolkuSchema } from './schema';

it('the committed schema/schema.graphql is what the code builds (run `npm run schema`)', async () => {
  const committed = fs.readFileSync(schemaFilePath, 'utf8');
  expect(committed).toBe(printSchemaFile(await buildPolkuSchema()));
});
