import type { RequestHandler } from 'express';
import type { GraphQLError } from 'graphql';

import type { OperationContext } from '../graphql/operation-context';
import type { OperationPipeline } from '../graphql/pipeline';
import { PERSISTED_QUERY_NOT_ALLOWED } from '../graphql/trusted-documents';

/** Trusted documents on HTTP: an id becomes the stored document, a text must be in the manifest. */
export function trustedDocumentsGate(pipeline: Pick<OperationPipeline<OperationContext>, 'admit' | 'trustedDocuments'>): RequestHandler {
  return (req, res, next) => {
    if (!pipeline.trustedDocuments) return next();
    const refuse = (error: GraphQLError) => {
      res.status(400).json({ errors: [{ message: error.message, extensions: { code: PERSISTED_QUERY_NOT_ALLOWED } }] });
    };
    if (req.method === 'POST') {
      const body: unknown = req.body;
      // Arrays (batches) and other shapes are refused by Apollo itself.
      if (!body || typeof body !== 'object' || Array.isArray(body)) return next();
      const request = body as { query?: string; documentId?: string; extensions?: Record<string, unknown> };
      const resolution = pipeline.admit(request);
      if ('error' in resolution) return refuse(resolution.error);
      request.query = resolution.query;
      delete request.documentId;
      if (request.extensions && typeof request.extensions === 'object') delete request.extensions.persistedQuery;
      return next();
    }
    if (req.method === 'GET') {
      const url = new URL(req.url, 'http://localhost');
      // Nothing asked for (a browser opening the endpoint): Apollo answers that itself.
      if (!['query', 'documentId', 'extensions'].some((name) => url.searchParams.has(name))) return next();
      let extensions: Record<string, unknown> | undefined;
      try {
        const given = url.searchParams.get('extensions');
        extensions = given ? (JSON.parse(given) as Record<string, unknown>) : undefined;
      } catch {
        extensions = undefined;
      }
      const resolution = pipeline.admit({
        query: url.searchParams.get('query') ?? undefined,
        documentId: url.searchParams.get('documentId') ?? undefined,
        extensions,
      });
      if ('error' in resolution) return refuse(resolution.error);
      url.searchParams.set('query', resolution.query);
      url.searchParams.delete('documentId');
      if (extensions && typeof extensions === 'object') {
        delete extensions.persistedQuery;
        url.searchParams.set('extensions', JSON.stringify(extensions));
      }
      req.url = `${url.pathname}${url.search}`;
    }
    return next();
  };
}
