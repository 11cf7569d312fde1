import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Encryption of personal identity codes at rest (AES-256-GCM) and a keyed hash (HMAC-SHA-256)
 * for look-ups. Several encryption keys can be configured: the first encrypts, all decrypt, so a
 * key is rotated by putting a new one first and re-encrypting in the background.
 */
export interface KeyRing {
  currentKeyId: string;
  keys: Map<string, Buffer>;
  hashKey: Buffer;
}

/** `id1:base64key1,id2:base64key2`; each key 32 bytes. */
export function parseKeyRing(encryptionKeys: string, hashKey: string): KeyRing {
  const keys = new Map<string, Buffer>();
  let currentKeyId: string | undefined;
  for (const entry of encryptionKeys
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [id, material] = entry.split(':');
    const key = Buffer.from(material ?? '', 'base64');
    if (!id || key.length !== 32) throw new Error('each key must be "<id>:<32 bytes in base64>"');
    keys.set(id, key);
    currentKeyId ??= id;
  }
  const hash = Buffer.from(hashKey, 'base64');
  if (!currentKeyId) throw new Error('at least one key is needed');
  if (hash.length < 32) throw new Error('the hash key must be at least 32 bytes in base64');
  return { currentKeyId, keys, hashKey: hash };
}

export class PersonalDataCipher {
  constructor(private readonly ring: KeyRing) {}

  /** Layout: 12-byte IV | 16-byte tag | ciphertext. */
  encrypt(plain: string): { ciphertext: Buffer; keyId: string } {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.ring.keys.get(this.ring.currentKeyId)!, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return { ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]), keyId: this.ring.currentKeyId };
  }

  decrypt(ciphertext: Buffer, keyId: string): string {
    const key = this.ring.keys.get(keyId);
    if (!key) throw new Error(`encryption key ${keyId} is not configured`);
    const decipher = createDecipheriv('aes-256-gcm', key, ciphertext.subarray(0, 12));
    decipher.setAuthTag(ciphertext.subarray(12, 28));
    return Buffer.concat([decipher.update(ciphertext.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Same input, same hash: finds a person without decrypting every row. */
  hash(plain: string): Buffer {
    return createHmac('sha256', this.ring.hashKey).update(plain).digest();
  }

  isCurrentKey(keyId: string): boolean {
    return keyId === this.ring.currentKeyId;
  }
}
