import type { Kysely } from 'kysely';
import type { Logger } from '../lib/log';
import type { Database } from '../store/schema';
import { Vault } from './vault';

const CANARY_KEY = 'vault_canary';
const CANARY_TEXT = 'weft-vault-canary';

/** The associated data of each sealed column; the vault binds a ciphertext to it. */
export const tokenAad = (connectionId: string, column: 'access_token' | 'refresh_token') =>
  `connection:${connectionId}:${column}`;

/**
 * Run at start: proves the configured key is the one the data was written with (a wrong
 * key stops the server with a clear message instead of failing later on every token),
 * then re-encrypts anything still sealed with a previous key, so a key can be retired.
 */
export async function checkVault(db: Kysely<Database>, vault: Vault, log: Logger): Promise<void> {
  const canary = await db.selectFrom('meta').select('value').where('key', '=', CANARY_KEY).executeTakeFirst();
  if (canary) {
    try {
      vault.open(canary.value, CANARY_KEY);
    } catch (error) {
      const expected = Vault.keyIdOf(canary.value);
      throw new Error(
        `The vault key (id ${vault.currentKeyId}) is not the key this data was encrypted with (id ${expected}). ` +
          'Set WEFT_SECRET_KEY to the original key, or keep the old one in WEFT_SECRET_KEYS_PREVIOUS while rotating.',
        { cause: error },
      );
    }
  }
  const rotated = await reencryptOldRows(db, vault);
  if (rotated > 0) log.info('Re-encrypted stored tokens with the current vault key.', { connections: rotated });
  const fresh = vault.seal(CANARY_TEXT, CANARY_KEY);
  await db
    .insertInto('meta')
    .values({ key: CANARY_KEY, value: fresh })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: fresh }))
    .execute();
}

async function reencryptOldRows(db: Kysely<Database>, vault: Vault): Promise<number> {
  const rows = await db.selectFrom('connections').select(['id', 'access_token', 'refresh_token']).execute();
  const stale = rows.filter(
    (r) =>
      Vault.keyIdOf(r.access_token) !== vault.currentKeyId ||
      (r.refresh_token !== null && Vault.keyIdOf(r.refresh_token) !== vault.currentKeyId),
  );
  await db.transaction().execute(async (trx) => {
    for (const row of stale) {
      const reseal = (sealed: string, column: 'access_token' | 'refresh_token') =>
        vault.seal(vault.open(sealed, tokenAad(row.id, column)), tokenAad(row.id, column));
      await trx
        .updateTable('connections')
        .set({
          access_token: reseal(row.access_token, 'access_token'),
          refresh_token: row.refresh_token === null ? null : reseal(row.refresh_token, 'refresh_token'),
        })
        .where('id', '=', row.id)
        .execute();
    }
  });
  return stale.length;
}

