import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

import { BENCH_AUDIENCE, BENCH_ISSUER } from './contract';

/**
 * The benchmark's identity provider: an RS256 key pair made for the run, tokens of the manifest's
 * users signed with it for BENCH_ISSUER / BENCH_AUDIENCE, and its JWKS served over HTTP so Polku
 * (and the raw-SQL server) verify them exactly as they verify a real provider's.
 */
export interface BenchSigner {
  jwks: { keys: JWK[] };
  sign(subject: string, ttl?: string): Promise<string>;
}

export async function createBenchSigner(): Promise<BenchSigner> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `bench-${Date.now().toString(36)}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    jwks: { keys: [jwk] },
    sign: (subject, ttl = '2h') =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid })
        .setSubject(subject)
        .setIssuer(BENCH_ISSUER)
        .setAudience(BENCH_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(ttl)
        .sign(privateKey),
  };
}

export interface RunningHttp {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves the JWKS at `/.well-known/jwks.json` on 127.0.0.1 (a free port unless given). */
export async function startJwksServer(jwks: { keys: JWK[] }, port = 0): Promise<RunningHttp> {
  const body = JSON.stringify(jwks);
  const server = http.createServer((request, response) => {
    if (request.url === '/.well-known/jwks.json') {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=3600' });
      response.end(body);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/.well-known/jwks.json`,
    port: actual,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One token per subject, signed once: requests rotate over them (signing is not what is measured). */
export async function signAll(signer: BenchSigner, subjects: string[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const subject of new Set(subjects)) tokens.set(subject, await signer.sign(subject));
  return tokens;
}

export { BENCH_AUDIENCE, BENCH_ISSUER };
