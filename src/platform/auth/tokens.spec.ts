import * as jose from 'jose';

import type { AppConfig } from '../config';
import { signDevelopmentToken, TokenVerifier } from './tokens';

const config = {
  identityProviders: [],
  devSigner: true,
  AUTH_DEV_SECRET: 'a development secret of enough length for HS256',
  AUTH_ISSUER: 'https://polku.test',
  AUTH_AUDIENCE: 'polku',
} as unknown as AppConfig;

describe('TokenVerifier', () => {
  afterEach(() => jest.restoreAllMocks());

  it('checks a token’s signature once and then takes the same token on trust', async () => {
    const verifier = new TokenVerifier(config);
    const token = await signDevelopmentToken(config, { subject: 'anna', email: 'anna@example.fi' });
    const verify = jest.spyOn(jose, 'jwtVerify');
    const first = await verifier.verify(token);
    const second = await verifier.verify(token);
    expect(second).toEqual(first);
    expect(first).toMatchObject({ subject: 'anna', email: 'anna@example.fi', issuer: 'https://polku.test' });
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('keeps no refusal: a forged token is checked and refused every time, and its valid original stays valid', async () => {
    const verifier = new TokenVerifier(config);
    const token = await signDevelopmentToken(config, { subject: 'anna' });
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    const verify = jest.spyOn(jose, 'jwtVerify');
    await expect(verifier.verify(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(verifier.verify(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(verify).toHaveBeenCalledTimes(2);
    await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'anna' });
  });

  it('does not keep a token that has already expired', async () => {
    const verifier = new TokenVerifier(config);
    const expired = await signDevelopmentToken(config, { subject: 'anna' }, '-1s');
    await expect(verifier.verify(expired)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
