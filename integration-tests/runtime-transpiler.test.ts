import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { projectRoot } from '../src/platform/paths';
import { modelFingerprint } from './support/model-fingerprint';

/**
 * `npm start`, `npm run dev` and the tools run the sources through swc (scripts/register.js), the
 * tests through ts-jest and production through tsc. Each emits its own decorator metadata (swc,
 * for one, records an enum-typed property as the enum object where TypeScript records String), and
 * TypeORM and type-graphql read it wherever a decorator gives no explicit type. This holds the
 * outcome equal: the GraphQL schema and the mapping of every entity.
 */
describe('the runtime transpiler', () => {
  it('gives the same GraphQL schema and entity mapping as the tests see', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', './scripts/register.js', path.join('integration-tests', 'support', 'model-fingerprint.ts')],
      { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 },
    );
    const underSwc = JSON.parse(stdout) as Awaited<ReturnType<typeof modelFingerprint>>;
    const here = await modelFingerprint();
    expect(underSwc.entities.length).toBeGreaterThan(30);
    expect(underSwc.sdl).toBe(here.sdl);
    expect(underSwc.entities).toEqual(here.entities);
  }, 60_000);
});
