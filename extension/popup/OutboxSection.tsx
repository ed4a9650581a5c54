import { useLiveQuery } from '@/hooks/use-live-query';
import { useNow } from '@/hooks/use-now';
import { useStorageItem } from '@/hooks/use-storage-item';
import { db } from '@/lib/db';
import { serverUrl, type Session } from '@/lib/settings';
import { OutboxItem } from './OutboxItem';

/**
 * Actions from the overlays and context menus that have not gone through yet: waiting
 * (server down, provider unavailable) or failed. Hidden while there are none.
 */
export function OutboxSection({ session }: { session: Session }) {
  const base = useStorageItem(serverUrl);
  const owner = base === undefined ? null : `${base} ${session.user.id}`;
  const items = useLiveQuery(
    () => db.outbox.where('status').anyOf('queued', 'sending', 'failed').filter((i) => i.owner === owner).sortBy('createdAt'),
    [owner],
  );
  const now = useNow(1_000, Boolean(items?.length));
  if (!items?.length) return null;
  const failed = items.filter((i) => i.status === 'failed').length;
  const waiting = items.length - failed;
  const summary = [waiting && `${waiting} waiting`, failed && `${failed} failed`].filter(Boolean).join(' · ');
  return (
    <section class="stack" aria-labelledby="outbox-heading">
      <div class="section-head">
        <h2 id="outbox-heading">Outbox</h2>
        <span class="muted small" data-testid="outbox-summary">
          {summary}
        </span>
      </div>
      <ul class="list" data-testid="outbox-list">
        {items.map((item) => (
          <OutboxItem key={item.id} item={item} now={now} />
        ))}
      </ul>
    </section>
  );
}
