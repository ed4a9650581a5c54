import type { RepoContext } from '@/lib/context/types';
import { background } from '../core/background';
import { IssueList } from '../core/ui/IssueList';
import { freshness, PanelFrame } from '../core/ui/PanelFrame';
import { useFresh } from '../core/ui/use-fresh';

/** A repository's open issues that concern a CRM customer. */
export function RepoPanel({ owner, repo }: { owner: string; repo: string }) {
  const state = useFresh<RepoContext>((refresh) => background.repoContext(owner, repo, refresh), [owner, repo]);
  const issues = state.data?.issues ?? [];
  return (
    <PanelFrame title="Customer issues" status={freshness(state)}>
      {issues.length > 0 ? (
        <IssueList issues={issues} testid="weft-repo-issues" note={(i) => (i.customer ? `for ${i.customer}` : null)} />
      ) : (
        !state.refreshing && (
          <p class="empty" data-testid="weft-repo-none">
            No open issue here mentions a HubSpot customer Weft knows of yet.
          </p>
        )
      )}
      {state.error && <p class="error">{state.error.message}</p>}
    </PanelFrame>
  );
}
