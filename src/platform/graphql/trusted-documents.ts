import { createHash } from 'node:crypto';
import fs from 'node:fs';

import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { DocumentNode, GraphQLError, Kind, parse, visit } from 'graphql';

/**
 * Trusted documents (persisted operations): `npm run codegen` writes every operation of the
 * first-party clients to schema/trusted-documents.json as `"sha256:<hex>": "<document>"`, in the
 * format of @graphql-codegen/client-preset's persisted documents (GraphQL over HTTP, appendix A).
 * With TRUSTED_DOCUMENTS=allow-list the server runs only those documents, on HTTP and WebSocket.
 */
export const PERSISTED_QUERY_NOT_ALLOWED = 'PERSISTED_QUERY_NOT_ALLOWED';

/**
 * The text a document is hashed in: client-preset's normalisation (client-only `@client` selections
 * and `@connection` dropped, definitions, fields and arguments sorted, white space collapsed), so
 * two spellings of the same operation share one hash. codegen.ts uses this very function.
 */
export function normalizeDocument(document: DocumentNode): string {
  const serverSide = visit(document, {
    [Kind.FIELD]: (node) => (node.directives?.some((d) => d.name.value === 'client') ? null : undefined),
    [Kind.FRAGMENT_SPREAD]: (node) => (node.directives?.some((d) => d.name.value === 'client') ? null : undefined),
    [Kind.INLINE_FRAGMENT]: (node) => (node.directives?.some((d) => d.name.value === 'client') ? null : undefined),
    [Kind.DIRECTIVE]: (node) => (node.name.value === 'connection' ? null : undefined),
  });
  return printExecutableGraphQLDocument(serverSide);
}

/** `sha256:<hex>` of the normalised text: the manifest key and what clients send as documentId. */
export function documentHash(normalizedDocument: string): string {
  return `sha256:${createHash('sha256').update(normalizedDocument).digest('hex')}`;
}

export function trustedDocumentId(document: DocumentNode): string {
  return documentHash(normalizeDocument(document));
}

/** What a request may carry: the text, `documentId`, or Apollo's `extensions.persistedQuery.sha256Hash`. */
export interface DocumentRequest {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

export type TrustedDocumentResolution = { query: string } | { error: GraphQLError };

/** `sha256:<hex>` or a bare 64-digit hex hash (Apollo APQ); anything else is no id at all. */
function canonicalId(id: string): string | undefined {
  const match = /^(?:sha256:)?([0-9a-fA-F]{64})$/.exec(id.trim());
  return match ? `sha256:${match[1].toLowerCase()}` : undefined;
}

export function requestedDocumentId(request: DocumentRequest): string | undefined {
  if (typeof request.documentId === 'string') return request.documentId;
  const extensions = request.extensions;
  if (extensions && typeof extensions === 'object') {
    const persistedQuery = (extensions as { persistedQuery?: unknown }).persistedQuery;
    if (persistedQuery && typeof persistedQuery === 'object') {
      const hash = (persistedQuery as { sha256Hash?: unknown }).sha256Hash;
      if (typeof hash === 'string') return hash;
    }
  }
  return undefined;
}

export class TrustedDocumentStore {
  private constructor(private readonly documents: ReadonlyMap<string, string>) {}

  /** The committed manifest; a missing or malformed file stops the start-up. */
  static fromFile(file: string): TrustedDocumentStore {
    let manifest: unknown;
    try {
      manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`TRUSTED_DOCUMENTS=allow-list needs the manifest ${file} (npm run codegen writes it): ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest))
      throw new Error(`${file}: expected an object of "sha256:<hex>": "<document>"`);
    return TrustedDocumentStore.fromManifest(manifest as Record<string, unknown>);
  }

  static fromManifest(manifest: Record<string, unknown>): TrustedDocumentStore {
    const documents = new Map<string, string>();
    for (const [key, document] of Object.entries(manifest)) {
      const id = canonicalId(key);
      if (!id || typeof document !== 'string') throw new Error(`trusted documents: bad entry ${JSON.stringify(key)}`);
      documents.set(id, document);
    }
    return new TrustedDocumentStore(documents);
  }

  get size(): number {
    return this.documents.size;
  }

  /**
   * The document to run for this request, or PERSISTED_QUERY_NOT_ALLOWED (HTTP 400). An id is looked
   * up (any text sent with it is ignored: the stored document runs); a text alone must hash to an
   * entry, and then runs as sent.
   */
  resolve(request: DocumentRequest, maxTokens: number): TrustedDocumentResolution {
    const id = requestedDocumentId(request);
    if (id !== undefined) {
      const key = canonicalId(id);
      const document = key ? this.documents.get(key) : undefined;
      return document ? { query: document } : { error: notAllowed('This document id is not in the trusted documents of this service') };
    }
    if (typeof request.query === 'string' && request.query.trim()) {
      let key: string;
      try {
        key = trustedDocumentId(parse(request.query, { maxTokens, noLocation: true }));
      } catch {
        return { error: notAllowed('Only trusted documents are accepted, and this one does not even parse') };
      }
      return this.documents.has(key)
        ? { query: request.query }
        : { error: notAllowed('Only trusted documents are accepted; this document is not one of them') };
    }
    return { error: notAllowed('Only trusted documents are accepted: send documentId or extensions.persistedQuery.sha256Hash') };
  }
}

function notAllowed(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: PERSISTED_QUERY_NOT_ALLOWED, http: { status: 400 } } });
}
