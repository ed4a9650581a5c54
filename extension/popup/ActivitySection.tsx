import { useEffect } from 'preact/hooks';
import { Skeleton } from '@/components/Skeleton';
import { useLiveQuery } from '@/hooks/use-live-query';
import { useNow } from '@/hooks/use-now';
import { db } from '@/lib/db';
import { isNews } from '@/lib/events/activity-text';
import { sendToBackground } from '@/lib/messaging/to-background';
import { providerLabel } from '@/lib/provider-label';
import { ActivityItem } from './ActivityItem';
import { PushProblem, PushStatus } from './PushStatus';
import type { Catalog } from './use-catalog';

/** The popup shows this many; Dexie keeps more. */
const shown = 20;

/** The newest events that are news, live from Dexie as the background applies them. */
export function ActivitySection({ catalog }: { catalog: Catalog }) {
  const events = useLiveQuery(() => db.events.orderBy(':id').reverse().filter(isNews).limit(shown).toArray());
  const newest = events?.[0]?.id;
  const now = useNow(30_000);

  // Open means seen: clear the badge now, and again whenever a new event shows up here.
  useEffect(() => void sendToBackground('markAllRead').catch(() => undefined), [newest]);

  return (
    <section class="stack" aria-busy={events === undefined} aria-labelledby="activity-heading">
      <div class="section-head">
        <h2 id="activity-heading">Recent activity</h2>
        <PushStatus />
      </div>
      <PushProblem />
      {events === undefined ? (
        <Skeleton testid="activity-loading" label="Loading activity" rows={2} />
      ) : events.length === 0 ? (
        <div class="empty-state" data-testid="activity-empty">
          <p class="empty-title">Nothing yet</p>
          <p class="muted">Issues, deals, messages and webhook calls from your connections show up here as they happen.</p>
        </div>
      ) : (
        <ul class="list" data-testid="activity-list">
          {events.map((e) => (
            <ActivityItem key={e.id} event={e} now={now} providerName={providerLabel(e.provider, catalog.byId.get(e.provider)?.name)} />
          ))}
        </ul>
      )}
    </section>
  );
}
