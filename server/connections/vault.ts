import { createCipheriv, createDecipheriv, createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

/**
 * Encrypts provider tokens at rest with AES-256-GCM.
 *
 * Sealed format: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts). The key id lets
 * keys rotate: decryption picks the key by id, encryption always uses the current one.
 * Associated data binds a ciphertext to its row and column (e.g.
 * `connection:con_x:access_token`), so a ciphertext copied into another row, or swapped
 * between access and refresh token, fails authentication instead of decrypting.
 */
export class VaultError extends Error {
  override name = 'VaultError';
}

export interface VaultKeys {
  current: Buffer;
  previous?: Buffer[];
}

const VERSION = 'v1';

/** A key's id: the first 8 bytes of its SHA-256, hex. Reveals nothing usable about it. */
export const keyId = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 16);

export class Vault {
  readonly currentKeyId: string;
  /** As KeyObjects: a raw Buffer key is imported anew on every cipher, which cost as much as the decryption. */
  private readonly keys = new Map<string, KeyObject>();

  constructor({ current, previous = [] }: VaultKeys) {
    for (const key of [current, ...previous]) {
      if (key.length !== 32) throw new VaultError('A vault key must be exactly 32 bytes.');
      this.keys.set(keyId(key), createSecretKey(key));
    }
    this.currentKeyId = keyId(current);
  }

  seal(plaintext: string, associatedData: string): string {
    const key = this.keys.get(this.currentKeyId)!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, ciphertext, cipher.getAuthTag()].map((b) => b.toString('base64url'));
    return [VERSION, this.currentKeyId, ...parts].join('.');
  }

  open(sealed: string, associatedData: string): string {
    const [version, kid, iv, ciphertext, tag] = sealed.split('.');
    if (version !== VERSION || !kid || iv === undefined || ciphertext === undefined || tag === undefined) {
      throw new VaultError('Not a vault ciphertext.');
    }
    const key = this.keys.get(kid);
    if (!key) throw new VaultError(`Encrypted with key ${kid}, which this server does not have.`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new VaultError('A stored secret failed authentication: it was altered or belongs to another record.');
    }
  }

  /** The key id a sealed value was written with. */
  static keyIdOf(sealed: string): string | undefined {
    return sealed.split('.')[1];
  }
}
