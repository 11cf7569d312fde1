import fs from 'node:fs';
import { printSchemaFile, schemaFilePath } from './print-schema';

it('the committed schema/schema.graphql is what the code builds (run `npm run schema`)', async () => {
  const committed = fs.readFileSync(schemaFilePath, 'utf8');
  expect(committed).toBe(await printSchemaFile());
});
