import { useState } from 'preact/hooks';
import type { CrmDeal } from '@/lib/context/types';
import { ActionForm } from '../../core/ui/ActionForm';
import type { IssueLink } from '../issue-link';

/** "Link to deal": the issue on one open deal's timeline (an activity). */
export function LinkToDeal({ issue, deals }: { issue: IssueLink; deals: CrmDeal[] }) {
  const [dealId, setDealId] = useState(deals[0]?.id ?? '');
  const deal = deals.find((d) => d.id === dealId) ?? deals[0];
  return (
    <ActionForm
      testid="weft-action-link-deal"
      title="Link to deal"
      disabled={deal ? null : 'No open deal for this customer.'}
      build={() =>
        deal
          ? {
              provider: 'hubspot',
              action: 'log_activity',
              input: { object: 'deals', id: deal.id, kind: issue.kind === 'pull' ? 'github_pull_request' : 'github_issue', body: `${issue.ref}: ${issue.title}\n${issue.url}` },
              label: `Link ${issue.ref} to deal ${deal.name}`,
            }
          : 'No open deal for this customer.'
      }
    >
      <label>
        Deal
        <select data-testid="weft-action-link-deal-deal" value={deal?.id ?? ''} onChange={(e) => setDealId(e.currentTarget.value)}>
          {deals.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} · {d.stageLabel}
            </option>
          ))}
        </select>
      </label>
    </ActionForm>
  );
}
