import express, { Request, Response, Router } from 'express';

import type { Role } from '../auth/actor';
import { signDevelopmentToken } from '../auth/tokens';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';

/** Where the query editor and scripts find the personas and mint their tokens. */
export const devPaths = { personas: '/dev/personas', token: '/dev/token' } as const;

/** How long a token minted for the query editor lives (a fresh one is minted on every page load). */
const EDITOR_TOKEN_TTL = '12h';

/**
 * Development only: `GET /dev/personas` lists the demo personas (src/demo/personas.ts) and whether
 * this database holds their rows; `POST /dev/token` with `{"persona": "anna"}` (JSON only) answers
 * `{"token": …}` signed by the development signer. Not mounted at all when the development signer
 * is off (always in production): the paths are then 404 like any unknown path. The signer's secret
 * is public, so this grants nothing a developer could not sign with `npm run token`.
 */
export interface DevPersona {
  /** What the picker and `--as` take, e.g. `anna`. */
  key: string;
  name: string;
  role: Role;
  /** What the role's scope holds for this person, in words. */
  scope: string;
  /** The subject of the persona's identity (at the development signer's issuer). */
  subject: string;
}

export interface DevTokenOptions<P extends DevPersona = DevPersona> {
  config: AppConfig;
  logger: Logger;
  /** The named users the composition root offers (the demo data's). */
  personas: readonly P[];
  /** Why the server would refuse a token for this persona on this database (empty: it would accept it). */
  problemsOf(persona: P): Promise<string[]>;
  /** The identity a persona's token carries (the development signer's issuer). */
  identityOf(persona: P): { subject: string; email?: string };
}

export function devTokenRouter<P extends DevPersona>(deps: DevTokenOptions<P>): Router {
  const router = Router();
  if (!deps.config.devSigner || deps.config.isProduction) return router;
  const { personas, problemsOf } = deps;
  const findPersona = (key: string) => personas.find((persona) => persona.key === key.trim().toLowerCase());

  router.get(devPaths.personas, async (_req: Request, res: Response) => {
    try {
      const listed = await Promise.all(
        personas.map(async (persona) => {
          const problems = await problemsOf(persona);
          return { ...persona, available: problems.length === 0, ...(problems.length ? { problems } : {}) };
        }),
      );
      res.setHeader('cache-control', 'no-store');
      res.json({ personas: listed });
    } catch (error) {
      deps.logger.warn({ err: { message: (error as Error).message } }, 'could not check the personas against the database');
      res.status(503).json({ error: 'The database could not be asked about the personas' });
    }
  });

  router.post(devPaths.token, express.json({ limit: '2kb' }), async (req: Request, res: Response) => {
    // JSON only: a cross-site form cannot send it without a preflight, which this server never answers.
    if (!req.is('application/json')) {
      res.status(415).json({ error: 'Send {"persona": "<name>"} as application/json' });
      return;
    }
    const key: unknown = (req.body as { persona?: unknown } | undefined)?.persona;
    const persona = typeof key === 'string' ? findPersona(key) : undefined;
    if (!persona) {
      res.status(404).json({ error: `No such persona; the personas are ${personas.map((p) => p.key).join(', ')}` });
      return;
    }
    try {
      const problems = await problemsOf(persona);
      if (problems.length) {
        res.status(409).json({ error: `This database does not hold ${persona.key}'s rows (is the demo data loaded?)`, problems });
        return;
      }
      const token = await signDevelopmentToken(deps.config, deps.identityOf(persona), EDITOR_TOKEN_TTL);
      res.setHeader('cache-control', 'no-store');
      res.json({ token, expiresIn: EDITOR_TOKEN_TTL, persona: { key: persona.key, name: persona.name, role: persona.role, scope: persona.scope } });
    } catch (error) {
      deps.logger.warn({ err: { message: (error as Error).message } }, 'could not mint a persona token');
      res.status(503).json({ error: 'The database could not be asked about the persona' });
    }
  });
  return router;
}
