import { Router } from 'express';
import type { DataSource } from 'typeorm';

import type { Logger } from '../logger';

/** `/healthz`: the process is alive. `/readyz`: the database answers and no migration is pending. */
export function healthRoutes(dataSource: DataSource, logger: Logger): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await dataSource.query('SELECT 1');
      if (await dataSource.showMigrations()) {
        res.status(503).json({ status: 'unavailable', reason: 'pending migrations' });
        return;
      }
      res.json({ status: 'ready' });
    } catch (error) {
      logger.warn({ err: { message: (error as Error).message } }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });
  return router;
}
