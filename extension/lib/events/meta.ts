import { db, type MetaKey, type MetaRow, type MetaValues } from '../db';

/** The meta rows as one object; keys never written are absent. Call inside a transaction to read consistently. */
export async function readMeta(): Promise<Partial<MetaValues>> {
  const rows = await db.meta.toArray();
  return Object.fromEntries(rows.map((row) => [row.key, row.value])) as Partial<MetaValues>;
}

export function metaRows(values: MetaValues): MetaRow[] {
  return (Object.keys(values) as MetaKey[]).map((key) => ({ key, value: values[key] }) as MetaRow);
}

/**
 * Where to resume `owner`'s stream: the last id applied, or 0 when the stored cursor is
 * someone else's (another account, another server) or there is none yet.
 */
export async function cursorFor(owner: string): Promise<number> {
  const meta = await db.transaction('r', db.meta, readMeta);
  return meta.owner === owner ? (meta.cursor ?? 0) : 0;
}

export async function unreadCount(): Promise<number> {
  const row = await db.meta.get('unread');
  return row?.key === 'unread' ? row.value : 0;
}

/** The popup was opened: everything is seen. */
export async function markAllRead(): Promise<void> {
  await db.meta.put({ key: 'unread', value: 0 });
}
