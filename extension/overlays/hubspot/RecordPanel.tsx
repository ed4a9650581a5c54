import type { HubspotContext } from '@/lib/context/types';
import { background } from '../core/background';
import { IssueList } from '../core/ui/IssueList';
import { freshness, PanelFrame } from '../core/ui/PanelFrame';
import { SlackPostAction } from '../core/ui/SlackPostAction';
import { useFresh } from '../core/ui/use-fresh';
import { CreateIssue } from './actions/CreateIssue';
import { MoveDealStage } from './actions/MoveDealStage';
import type { RecordRef } from './page';

const typeIds = { contacts: '0-1', companies: '0-2', deals: '0-3' } as const;

/** The GitHub side of a HubSpot record: the issues about this customer, and what to do about them. */
export function RecordPanel({ record }: { record: RecordRef }) {
  const { portalId, object, id } = record;
  const state = useFresh<HubspotContext>((refresh) => background.hubspotContext({ portalId, object, id }, refresh), [portalId, object, id]);
  const context = state.data;
  const url = `https://app.hubspot.com/contacts/${portalId}/record/${typeIds[object]}/${id}`;
  return (
    <PanelFrame title="GitHub issues" status={freshness(state)}>
      {context && (
        <div>
          <p class="small muted" data-testid="weft-record-name">
            About {context.name}
            {context.email || context.domain ? ` (${[context.email, context.domain].filter(Boolean).join(', ')})` : ''}
          </p>
          {context.issues.length > 0 ? (
            <IssueList issues={context.issues} testid="weft-record-issues" />
          ) : (
            <p class="empty" data-testid="weft-record-no-issues">
              No GitHub issue mentions this customer.
            </p>
          )}
        </div>
      )}
      {!context && state.refreshing && <div class="skeleton" data-testid="weft-loading" />}
      {state.error && (
        <p class="error" data-testid="weft-panel-error">
          {state.error.message}
        </p>
      )}
      {context && (
        <div class="actions" key={context.name}>
          <CreateIssue record={context} recordUrl={url} />
          <SlackPostAction testid="weft-action-slack" title="Post to Slack" text={`${context.name}`} link={{ url, title: `${context.name} in HubSpot`.slice(0, 200) }} />
          {object === 'deals' && <MoveDealStage record={context} />}
        </div>
      )}
    </PanelFrame>
  );
}
