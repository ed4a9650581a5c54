import type { HubspotContext } from '@/lib/context/types';
import { hubspotEntityInput, hubspotRecordUrl } from '@/lib/flows/page-input';
import { background } from '../core/background';
import { IssueList } from '../core/ui/IssueList';
import { ManualFlows } from '../core/ui/ManualFlows';
import { freshness, PanelFrame } from '../core/ui/PanelFrame';
import { SlackPostAction } from '../core/ui/SlackPostAction';
import { useFresh } from '../core/ui/use-fresh';
import { CreateIssue } from './actions/CreateIssue';
import { MoveDealStage } from './actions/MoveDealStage';
import type { RecordRef } from './page';

/** The GitHub side of a HubSpot record: the issues about this customer, and what to do about them. */
export function RecordPanel({ record }: { record: RecordRef }) {
  const { portalId, object, id } = record;
  const state = useFresh<HubspotContext>((refresh) => background.hubspotContext({ portalId, object, id }, refresh), [portalId, object, id]);
  const context = state.data;
  const url = hubspotRecordUrl(record);
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
      {/* Once the record's name is known: it is part of the flow's input. */}
      {context && <ManualFlows place="hubspot.record" input={() => hubspotEntityInput(record, context.name)} />}
    </PanelFrame>
  );
}
