import fs from 'node:fs';
import path from 'node:path';

import { errorsDocPath, reasonCatalogues, renderErrorsDoc } from './error-reasons';

describe('error reasons', () => {
  it('lists every set of reasons declared anywhere in the code', () => {
    const src = path.join(__dirname, '..');
    const declared = (fs.readdirSync(src, { recursive: true }) as string[])
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
      .flatMap((file) => [...fs.readFileSync(path.join(src, file), 'utf8').matchAll(/export const \w+ = reasons\('([a-z0-9-]+)'/g)].map((m) => m[1]));
    expect(declared.length).toBeGreaterThan(20);
    expect(reasonCatalogues.map((c) => c.scope).sort()).toEqual([...declared].sort());
  });

  it('gives every reason a description', () => {
    const undescribed = reasonCatalogues.flatMap((c) =>
      Object.entries(c.reasons)
        .filter(([, d]) => d.description.trim().length < 10)
        .map(([r]) => `${c.scope}.${r}`),
    );
    expect(undescribed).toEqual([]);
  });

  it('the committed docs/errors.md is what the declarations give (run `npm run schema`)', () => {
    expect(fs.readFileSync(errorsDocPath, 'utf8')).toBe(renderErrorsDoc());
  });
});
