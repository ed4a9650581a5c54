import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Vault, VaultError } from './vault';

const key = () => randomBytes(32);

describe('vault', () => {
  it('round-trips a token and never stores it in clear', () => {
    const vault = new Vault({ current: key() });
    const sealed = vault.seal('ghp_secretvalue', 'connection:con_1:access_token');
    expect(sealed).not.toContain('ghp_secretvalue');
    expect(sealed.startsWith(`v1.${vault.currentKeyId}.`)).toBe(true);
    expect(vault.open(sealed, 'connection:con_1:access_token')).toBe('ghp_secretvalue');
  });

  it('rejects a ciphertext with one flipped byte', () => {
    const vault = new Vault({ current: key() });
    const sealed = vault.seal('token-value', 'connection:con_1:access_token');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0]! ^= 0x01;
    parts[3] = body.toString('base64url');
    expect(() => vault.open(parts.join('.'), 'connection:con_1:access_token')).toThrow(VaultError);
  });

  it('rejects a ciphertext moved to another row or another column', () => {
    const vault = new Vault({ current: key() });
    const sealed = vault.seal('token-value', 'connection:con_1:access_token');
    expect(() => vault.open(sealed, 'connection:con_2:access_token')).toThrow(/altered or belongs to another record/);
    expect(() => vault.open(sealed, 'connection:con_1:refresh_token')).toThrow(VaultError);
  });

  it('decrypts with a previous key by its id, and says so when the key is unknown', () => {
    const oldKey = key();
    const old = new Vault({ current: oldKey });
    const sealed = old.seal('token-value', 'aad');
    const rotated = new Vault({ current: key(), previous: [oldKey] });
    expect(rotated.open(sealed, 'aad')).toBe('token-value');
    expect(Vault.keyIdOf(rotated.seal('x', 'aad'))).toBe(rotated.currentKeyId);
    const stranger = new Vault({ current: key() });
    expect(() => stranger.open(sealed, 'aad')).toThrow(/which this server does not have/);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new Vault({ current: randomBytes(16) })).toThrow(/32 bytes/);
  });
});
