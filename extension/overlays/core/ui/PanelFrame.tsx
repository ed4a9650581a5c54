import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { contextLost, onContextLost } from '../invalidated';

type Props = { title: string; status?: string | null; children: ComponentChildren };

/** The panel's box: a header, and the content, or a reload note once the extension was updated under the page. */
export function PanelFrame({ title, status, children }: Props) {
  const [lost, setLost] = useState(contextLost);
  useEffect(() => onContextLost(() => setLost(true)), []);
  return (
    <section class="frame" data-testid="weft-panel-root" aria-label={`Weft: ${title}`}>
      <div class="head">
        <span class="title">Weft · {title}</span>
        {status && !lost && (
          <span class="status" data-testid="weft-panel-status">
            {status}
          </span>
        )}
      </div>
      <div class="body">
        {lost ? (
          <p class="note" data-testid="weft-reload-note">
            Weft was updated — reload the page to use it here.
          </p>
        ) : (
          children
        )}
      </div>
    </section>
  );
}

/** "updating…", or how old the shown data is. */
export function freshness(state: { refreshing: boolean; fetchedAt: number | null }): string | null {
  if (state.refreshing) return 'updating…';
  if (state.fetchedAt === null) return null;
  const minutes = Math.round((Date.now() - state.fetchedAt) / 60_000);
  return minutes < 1 ? 'up to date' : `${minutes} min old`;
}
