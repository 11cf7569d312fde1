import express from 'express';

import type { InboundService } from '../modules/integration/inbound.service';
import { IntegrationSystem } from '../modules/integration/integration.entities';
import { isUuid } from '../platform/ids';

const systems: Record<string, IntegrationSystem> = {
  'employment-area': IntegrationSystem.EMPLOYMENT_AREA,
  'wage-subsidy': IntegrationSystem.WAGE_SUBSIDY,
};

/**
 * `POST /integrations/{organisationId}/{employment-area|wage-subsidy}/webhook`: pushes from the
 * outside systems. The raw body is what the signature covers, so it is verified before parsing.
 * Unknown organisations and systems answer as a wrong signature does: nothing is revealed.
 */
export function webhookRouter(inbound: InboundService, maxBodyBytes: number): express.Router {
  const router = express.Router();
  router.post(
    '/integrations/:organisationId/:system/webhook',
    express.raw({ type: () => true, limit: maxBodyBytes }),
    async (req: express.Request, res: express.Response, next: express.NextFunction) => {
      try {
        const system = systems[String(req.params.system)];
        const organisationId = String(req.params.organisationId);
        if (!system || !isUuid(organisationId)) {
          res.status(401).json({ error: 'BAD_SIGNATURE' });
          return;
        }
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const answer = await inbound.webhook(organisationId, system, body, req.get('polku-signature') ?? undefined);
        res.status(answer.status).json(answer.body);
      } catch (error) {
        next(error);
      }
    },
  );
  return router;
}
