import { parseKeyRing, PersonalDataCipher } from './crypto';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');

describe('PersonalDataCipher', () => {
  const cipher = new PersonalDataCipher(parseKeyRing(`new:${key(2)},old:${key(1)}`, key(9)));

  it('round-trips and never stores the plain text', () => {
    const { ciphertext, keyId } = cipher.encrypt('131052-308T');
    expect(keyId).toBe('new');
    expect(ciphertext.toString('latin1')).not.toContain('131052');
    expect(cipher.decrypt(ciphertext, keyId)).toBe('131052-308T');
  });

  it('uses a fresh IV each time but a stable keyed hash', () => {
    expect(cipher.encrypt('131052-308T').ciphertext.equals(cipher.encrypt('131052-308T').ciphertext)).toBe(false);
    expect(cipher.hash('131052-308T').equals(cipher.hash('131052-308T'))).toBe(true);
    expect(cipher.hash('131052-308T').equals(cipher.hash('131052A308T'))).toBe(false);
  });

  it('still decrypts with a rotated-out key and detects tampering', () => {
    const oldCipher = new PersonalDataCipher(parseKeyRing(`old:${key(1)}`, key(9)));
    const { ciphertext, keyId } = oldCipher.encrypt('010594Y9021');
    expect(cipher.decrypt(ciphertext, keyId)).toBe('010594Y9021');
    expect(cipher.isCurrentKey(keyId)).toBe(false);
    const tampered = Buffer.from(ciphertext);
    tampered[tampered.length - 1] ^= 1;
    expect(() => cipher.decrypt(tampered, keyId)).toThrow();
  });
});
