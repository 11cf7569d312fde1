import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DocumentNode, Kind, parse, print } from 'graphql';

import * as generated from '../../../integration-tests/generated/graphql';
import { documentHash, normalizeDocument, PERSISTED_QUERY_NOT_ALLOWED, trustedDocumentId, TrustedDocumentStore } from './trusted-documents';

const manifestFile = path.resolve('schema/trusted-documents.json');
const operationDocuments = Object.entries(generated).filter(
  ([name, value]) => name.endsWith('Document') && (value as DocumentNode).definitions?.some((d) => d.kind === Kind.OPERATION_DEFINITION),
) as Array<[string, DocumentNode & { __meta__?: { hash?: string } }]>;

describe('the committed manifest (schema/trusted-documents.json)', () => {
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, string>;

  it('lists exactly the generated operations, keyed by the hash codegen puts in __meta__', () => {
    expect(operationDocuments.length).toBeGreaterThan(0);
    for (const [name, document] of operationDocuments) {
      const id = trustedDocumentId(document);
      expect({ name, hash: document.__meta__?.hash }).toEqual({ name, hash: id });
      expect({ name, text: manifest[id] }).toEqual({ name, text: normalizeDocument(document) });
    }
    expect(Object.keys(manifest).sort()).toEqual([...new Set(operationDocuments.map(([, d]) => trustedDocumentId(d)))].sort());
  });

  it('keys every document by the sha256 of its text', () => {
    for (const [id, text] of Object.entries(manifest)) {
      expect(id).toBe(`sha256:${createHash('sha256').update(text).digest('hex')}`);
    }
  });
});

describe('normalizeDocument', () => {
  it('gives every spelling of an operation the same text', () => {
    const a = parse('query Q($b: Int, $a: Int) { serviceInfo { version environment } }');
    const b = parse('# comment\nquery Q($a: Int,$b: Int){serviceInfo{environment,version}}');
    expect(normalizeDocument(a)).toBe(normalizeDocument(b));
    expect(normalizeDocument(a)).toBe('query Q($a: Int, $b: Int) { serviceInfo { environment version } }');
    expect(documentHash(normalizeDocument(a))).toBe(trustedDocumentId(b));
  });

  it('keeps the order of top-level mutation fields (they run in order)', () => {
    expect(normalizeDocument(parse('mutation { b: __typename a: __typename }'))).toBe('mutation { b: __typename a: __typename }');
  });
});

describe('TrustedDocumentStore.resolve', () => {
  const trusted = 'query ServiceInfo { serviceInfo { version } }';
  const id = trustedDocumentId(parse(trusted));
  const store = TrustedDocumentStore.fromManifest({ [id]: normalizeDocument(parse(trusted)) });
  const stored = normalizeDocument(parse(trusted));
  const refused = (result: ReturnType<TrustedDocumentStore['resolve']>) => {
    expect('error' in result).toBe(true);
    const { error } = result as { error: { extensions: Record<string, unknown> } };
    expect(error.extensions).toEqual({ code: PERSISTED_QUERY_NOT_ALLOWED, http: { status: 400 } });
  };

  it('resolves documentId and Apollo APQ hashes, with or without the sha256: prefix', () => {
    const hex = id.slice('sha256:'.length);
    expect(store.resolve({ documentId: id }, 4000)).toEqual({ query: stored });
    expect(store.resolve({ documentId: hex.toUpperCase() }, 4000)).toEqual({ query: stored });
    expect(store.resolve({ extensions: { persistedQuery: { version: 1, sha256Hash: hex } } }, 4000)).toEqual({ query: stored });
  });

  it('runs the stored document when an id comes with some other text', () => {
    expect(store.resolve({ documentId: id, query: '{ trainees { totalCount } }' }, 4000)).toEqual({ query: stored });
  });

  it('accepts a text whose normalised hash is listed, as sent', () => {
    const respelled = 'query ServiceInfo {\n  serviceInfo {\n    version\n  }\n}';
    expect(store.resolve({ query: respelled }, 4000)).toEqual({ query: respelled });
    expect(store.resolve({ query: print(parse(trusted)) }, 4000)).toEqual({ query: print(parse(trusted)) });
  });

  it('refuses unknown ids, other texts, unparseable or oversized texts and empty requests', () => {
    refused(store.resolve({ documentId: `sha256:${'a'.repeat(64)}` }, 4000));
    refused(store.resolve({ documentId: 'ServiceInfo' }, 4000));
    refused(store.resolve({ extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } }, query: trusted }, 4000));
    refused(store.resolve({ query: 'query ServiceInfo { serviceInfo { version environment } }' }, 4000));
    refused(store.resolve({ query: '{ serviceInfo { ' }, 4000));
    refused(store.resolve({ query: trusted }, 5));
    refused(store.resolve({ query: '' }, 4000));
    refused(store.resolve({}, 4000));
  });

  it('loads the manifest from a file, and names the file when it cannot', () => {
    expect(TrustedDocumentStore.fromFile(manifestFile).size).toBe(new Set(operationDocuments.map(([, d]) => trustedDocumentId(d))).size);
    const missing = path.join(os.tmpdir(), 'polku-no-such-manifest.json');
    expect(() => TrustedDocumentStore.fromFile(missing)).toThrow(missing);
    expect(() => TrustedDocumentStore.fromManifest({ 'not-a-hash': 'query { x }' })).toThrow(/bad entry/);
  });
});
