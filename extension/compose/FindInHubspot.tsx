import { ExternalLink } from '@/components/ExternalLink';
import type { ComposeDraft } from '@/lib/context-menus/draft';
import { sendToBackground, type FindResult } from '@/lib/messaging/to-background';
import { useFresh } from '@/overlays/core/ui/use-fresh';

/** "Find in HubSpot": contacts by each address in the selection, companies by each domain. A read: nothing is queued. */
export function FindInHubspot({ draft }: { draft: ComposeDraft }) {
  const found = useFresh<FindResult>(async (refresh) => (refresh ? sendToBackground('findInHubspot', { query: draft.selection }) : { data: null, fetchedAt: null, error: null }), [draft.selection]);
  const result = found.data;
  if (found.refreshing) return <p class="muted">Searching HubSpot…</p>;
  if (found.error) return <p class="error">{found.error.message}</p>;
  if (!result?.query) return <p class="empty" data-testid="compose-find-none">The selection has no email address or domain to look for.</p>;
  return (
    <div>
      <p class="small muted">Looked for {result.query}</p>
      {result.matches.length === 0 ? (
        <p class="empty" data-testid="compose-find-none">
          No HubSpot contact or company matches.
        </p>
      ) : (
        <ul data-testid="compose-find-results">
          {result.matches.map((m) => (
            <li key={`${m.object}:${m.id}`} class="row" data-testid="compose-find-match">
              <span class="pill">{m.object === 'contacts' ? 'contact' : 'company'}</span>
              <span class="grow">
                <ExternalLink href={m.url ?? ''}>{m.name}</ExternalLink>
                {m.detail && <span class="muted small"> {m.detail}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
