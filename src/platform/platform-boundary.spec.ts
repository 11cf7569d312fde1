import fs from 'node:fs';
import path from 'node:path';

/**
 * The platform is what any GraphQL service needs (server, pipeline, database, auth, errors, logs)
 * and knows nothing of Polku's domain: the composition root (src/app) wires the modules into it.
 */
it('src/platform imports nothing from src/modules, src/app or src/demo', () => {
  const root = __dirname;
  const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
  expect(files.length).toBeGreaterThan(20);
  const offending = files.flatMap((file) => {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    return [...text.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)]
      .map((match) => match[1])
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => path.relative(path.join(root, '..'), path.resolve(path.dirname(path.join(root, file)), specifier)))
      .filter((target) => /^(modules|app|demo)(\/|$)/.test(target))
      .map((target) => `${file} → ${target}`);
  });
  expect(offending).toEqual([]);
});
