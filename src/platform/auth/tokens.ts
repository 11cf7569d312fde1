import { createRemoteJWKSet, decodeProtectedHeader, JWTPayload, jwtVerify, SignJWT } from 'jose';

import type { AppConfig } from '../config';
import { unauthenticated } from '../errors';
import { isUuid } from '../ids';
import { isStorableString } from '../strings';
import { Actor, Role, tokenClaims } from './actor';

/**
 * The token subject is stored (access log, history, consents) and keys the rate limit: a
 * printable identifier of at most 200 characters, else the token is refused.
 */
const MAX_SUBJECT_LENGTH = 200;
function isAcceptableSubject(sub: unknown): sub is string {
  return typeof sub === 'string' && sub.length >= 1 && sub.length <= MAX_SUBJECT_LENGTH && isStorableString(sub) && !/\p{Cc}/u.test(sub);
}

/**
 * Confirms that what a verified token's claims name exists and is active (throws UNAUTHENTICATED
 * otherwise). The identity provider signs the claims, but only Polku knows whether a staff id,
 * unit, area or company is real: a token naming nothing real must not be let in.
 */
export type ActorConfirmation = (actor: Actor) => Promise<void>;

export class TokenVerifier {
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;
  private readonly devKey?: Uint8Array;

  constructor(
    private readonly config: AppConfig,
    private readonly confirm?: ActorConfirmation,
  ) {
    if (config.AUTH_JWKS_URL) this.jwks = createRemoteJWKSet(new URL(config.AUTH_JWKS_URL));
    if (config.devSigner) this.devKey = new TextEncoder().encode(config.AUTH_DEV_SECRET);
  }

  /** Undefined when no token was sent; UNAUTHENTICATED when one was sent but is not valid. */
  async actorFromAuthorizationHeader(header: string | undefined | null): Promise<Actor | undefined> {
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw unauthenticated('Authorization must be "Bearer <token>"');
    return this.verify(match[1]);
  }

  async verify(token: string): Promise<Actor> {
    let payload: JWTPayload;
    try {
      const { alg } = decodeProtectedHeader(token);
      const options = { issuer: this.config.AUTH_ISSUER, audience: this.config.AUTH_AUDIENCE };
      if (alg === 'HS256' && this.devKey) {
        ({ payload } = await jwtVerify(token, this.devKey, { ...options, algorithms: ['HS256'] }));
      } else if (this.jwks && alg !== 'HS256' && alg !== 'none') {
        ({ payload } = await jwtVerify(token, this.jwks, options));
      } else {
        throw new Error('no key accepts this token');
      }
    } catch {
      throw unauthenticated('The access token is not valid');
    }
    const actor = actorFromClaims(payload);
    await this.confirm?.(actor);
    return actor;
  }

  /**
   * Confirms again that what a connection's token named is still active: a WebSocket connection
   * outlives its first check, so every operation on it asks (cheaply, through the same cache).
   */
  async reconfirm(actor: Actor): Promise<void> {
    await this.confirm?.(actor);
  }
}

function actorFromClaims(payload: JWTPayload): Actor {
  const role = payload[tokenClaims.role];
  if (!isAcceptableSubject(payload.sub) || !Object.values(Role).includes(role as Role)) {
    throw unauthenticated('The access token has no valid subject or no known role');
  }
  const scoped = (claim: string): string | undefined => {
    const value = payload[claim];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !isUuid(value)) throw unauthenticated(`The access token has an invalid ${claim}`);
    return value;
  };
  return {
    userId: payload.sub,
    role: role as Role,
    staffId: scoped(tokenClaims.staffId),
    unitId: scoped(tokenClaims.unitId),
    companyId: scoped(tokenClaims.companyId),
    areaId: scoped(tokenClaims.areaId),
  };
}

/** Development tokens (`npm run token`, tests). Only valid where AUTH_DEV_SIGNER is on. */
export async function signDevelopmentToken(
  config: AppConfig,
  actor: Omit<Actor, 'userId'> & { userId?: string },
  expiresIn = '12h',
): Promise<string> {
  if (!config.devSigner) throw new Error('the development token signer is disabled (AUTH_DEV_SIGNER)');
  const claims: Record<string, string> = { [tokenClaims.role]: actor.role };
  if (actor.staffId) claims[tokenClaims.staffId] = actor.staffId;
  if (actor.unitId) claims[tokenClaims.unitId] = actor.unitId;
  if (actor.companyId) claims[tokenClaims.companyId] = actor.companyId;
  if (actor.areaId) claims[tokenClaims.areaId] = actor.areaId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(actor.userId ?? `dev-${actor.role.toLowerCase()}${actor.staffId ? `-${actor.staffId}` : ''}`)
    .setIssuer(config.AUTH_ISSUER)
    .setAudience(config.AUTH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(config.AUTH_DEV_SECRET));
}
