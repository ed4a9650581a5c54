import { ExternalLink } from '@/components/ExternalLink';
import type { IssueSummary } from '@/lib/context/types';

/** GitHub issues as text: title (a link), state, labels, assignees. */
export function IssueList({ issues, testid, note }: { issues: (IssueSummary & { customer?: string })[]; testid: string; note?: (i: IssueSummary & { customer?: string }) => string | null }) {
  return (
    <ul data-testid={testid}>
      {issues.map((issue) => (
        <li key={issue.url} data-testid="weft-issue" data-state={issue.state}>
          <div class="row">
            <span class={`pill ${issue.state}`}>{issue.state}</span>
            <span class="grow">
              <ExternalLink href={issue.url}>
                <span data-testid="weft-issue-title">{issue.title}</span>
              </ExternalLink>{' '}
              <span class="muted small">
                {issue.repo ?? ''}#{issue.number}
              </span>
            </span>
          </div>
          {(issue.labels.length > 0 || issue.assignees.length > 0 || note?.(issue)) && (
            <div class="labels small muted">
              {issue.labels.map((l) => (
                <span key={l} class="pill">
                  {l}
                </span>
              ))}
              {issue.assignees.length > 0 && <span>assigned to {issue.assignees.join(', ')}</span>}
              {note?.(issue) && <span>{note(issue)}</span>}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
