import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, JWTPayload, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';

import type { AppConfig, IdentityProviderConfig } from '../config';
import { unauthenticated } from '../errors';
import { isStorableString } from '../strings';
import { Actor, Identity } from './actor';

/**
 * The subject and issuer are stored (users, access log) and the subject keys the rate limit: a
 * printable identifier of at most 200 characters, else the token is refused.
 */
const MAX_IDENTIFIER_LENGTH = 200;
function isAcceptableIdentifier(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= MAX_IDENTIFIER_LENGTH && isStorableString(value) && !/\p{Cc}/u.test(value);
}
/** Groups are matched against configuration only; a token with hundreds is cut, never refused. */
const MAX_GROUPS = 200;

/**
 * Maps a verified identity to the user of Polku it is, in the organisation the caller chose (or
 * their only one): UNAUTHENTICATED when Polku has no active user for it. Implemented by the user
 * directory (src/modules/user); the platform knows only this shape.
 */
export interface ActorDirectory {
  actorFor(identity: Identity, organisationId?: string): Promise<Actor>;
  /** Confirms again that a connection's actor still holds (a WebSocket outlives its first check). */
  reconfirm(actor: Actor): Promise<void>;
  /** Called with a user's id when their roles change or they are deactivated, on whichever instance made the change. */
  onUserChanged(listener: (userId: string) => void): () => void;
}

interface VerifyingProvider extends IdentityProviderConfig {
  keys: ReturnType<typeof createRemoteJWKSet>;
}

/** How long a verified token is taken on trust without checking its signature again (never past its expiry). */
const VERIFIED_TOKEN_TTL_MS = 60_000;

export class TokenVerifier {
  private readonly providers = new Map<string, VerifyingProvider>();
  private readonly devKey?: Uint8Array;
  /**
   * Identities of tokens verified in the last minute, by the token's exact text: a client sends the
   * same token with every request, and checking an RS256 signature costs more CPU than the rest
   * of a small request. Only a token that verified is kept, and only until it expires.
   */
  private readonly verified = new LRUCache<string, Identity>({ max: 10_000 });

  constructor(
    private readonly config: AppConfig,
    private readonly directory?: ActorDirectory,
  ) {
    for (const provider of config.identityProviders) {
      this.providers.set(provider.issuer, { ...provider, keys: createRemoteJWKSet(new URL(provider.jwksUrl)) });
    }
    if (config.devSigner) this.devKey = new TextEncoder().encode(config.AUTH_DEV_SECRET);
  }

  /**
   * Undefined when no token was sent; UNAUTHENTICATED when one was sent but is not valid or names
   * no active user. `organisationId` (the `x-polku-organisation` header) picks the organisation
   * for a user of several.
   */
  async actorFromAuthorizationHeader(header: string | undefined | null, organisationId?: string): Promise<Actor | undefined> {
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw unauthenticated('Authorization must be "Bearer <token>"');
    return this.actorOf(await this.verify(match[1]), organisationId);
  }

  async actorOf(identity: Identity, organisationId?: string): Promise<Actor> {
    if (!this.directory) throw unauthenticated('No user directory: tokens cannot be mapped to users');
    return this.directory.actorFor(identity, organisationId);
  }

  /** The identity a token proves; UNAUTHENTICATED when no configured provider (or the development signer) signed it. */
  async verify(token: string): Promise<Identity> {
    const known = this.verified.get(token);
    if (known) return known;
    const { identity, expiresAt } = await this.verifySignature(token);
    const ttl = Math.min(VERIFIED_TOKEN_TTL_MS, expiresAt === undefined ? VERIFIED_TOKEN_TTL_MS : expiresAt * 1000 - Date.now());
    if (ttl > 0) this.verified.set(token, identity, { ttl });
    return identity;
  }

  private async verifySignature(token: string): Promise<{ identity: Identity; expiresAt?: number }> {
    let payload: JWTPayload;
    let provider: Pick<IdentityProviderConfig, 'groupsClaim' | 'emailClaim'>;
    try {
      const { alg } = decodeProtectedHeader(token);
      const issuer = decodeJwt(token).iss;
      const known = issuer ? this.providers.get(issuer) : undefined;
      if (alg === 'HS256' && this.devKey) {
        ({ payload } = await jwtVerify(token, this.devKey, {
          issuer: this.config.AUTH_ISSUER,
          audience: this.config.AUTH_AUDIENCE,
          algorithms: ['HS256'],
        }));
        provider = { groupsClaim: 'groups', emailClaim: 'email' };
      } else if (known && alg !== 'HS256' && alg !== 'none') {
        ({ payload } = await jwtVerify(token, known.keys, { issuer: known.issuer, audience: known.audience }));
        provider = known;
      } else {
        throw new Error('no key accepts this token');
      }
    } catch {
      throw unauthenticated('The access token is not valid');
    }
    return { identity: identityFromClaims(payload, provider), expiresAt: payload.exp };
  }

  async reconfirm(actor: Actor): Promise<void> {
    await this.directory?.reconfirm(actor);
  }

  onUserChanged(listener: (userId: string) => void): () => void {
    return this.directory?.onUserChanged(listener) ?? (() => undefined);
  }
}

function identityFromClaims(payload: JWTPayload, provider: Pick<IdentityProviderConfig, 'groupsClaim' | 'emailClaim'>): Identity {
  if (!isAcceptableIdentifier(payload.iss) || !isAcceptableIdentifier(payload.sub)) {
    throw unauthenticated('The access token has no valid issuer or subject');
  }
  const email = payload[provider.emailClaim];
  const groups = payload[provider.groupsClaim];
  return {
    issuer: payload.iss,
    subject: payload.sub,
    ...(isAcceptableIdentifier(email) ? { email } : {}),
    groups: Array.isArray(groups) ? groups.filter(isAcceptableIdentifier).slice(0, MAX_GROUPS) : [],
  };
}

/** Development identity tokens (`npm run token`, the query editor, tests). Only valid where AUTH_DEV_SIGNER is on. */
export async function signDevelopmentToken(
  config: AppConfig,
  identity: { subject: string; email?: string; groups?: string[] },
  expiresIn = '12h',
): Promise<string> {
  if (!config.devSigner) throw new Error('the development token signer is disabled (AUTH_DEV_SIGNER)');
  const claims: Record<string, unknown> = {};
  if (identity.email) claims.email = identity.email;
  if (identity.groups?.length) claims.groups = identity.groups;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject)
    .setIssuer(config.AUTH_ISSUER)
    .setAudience(config.AUTH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(config.AUTH_DEV_SECRET));
}
