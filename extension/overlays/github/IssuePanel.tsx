import { ExternalLink } from '@/components/ExternalLink';
import type { Fresh, GithubContext } from '@/lib/context/types';
import { githubEntityInput, githubPlace } from '@/lib/flows/page-input';
import { background } from '../core/background';
import { ManualFlows } from '../core/ui/ManualFlows';
import { useStore, type Store } from '../core/store';
import { freshness, PanelFrame } from '../core/ui/PanelFrame';
import { SlackPostAction } from '../core/ui/SlackPostAction';
import { useFresh } from '../core/ui/use-fresh';
import { FollowUpTask } from './actions/FollowUpTask';
import { LinkToDeal } from './actions/LinkToDeal';
import { LogOnCompany } from './actions/LogOnCompany';
import type { ConversationRead } from './conversation';
import { issueLink } from './issue-link';
import type { IssueRef } from './page';

const nothingYet = (): Promise<Fresh<GithubContext>> => Promise.resolve({ data: null, fetchedAt: null, error: null });

/**
 * The CRM side of an issue or pull request: who it is about, their open deals, and what
 * to do about it. Nothing is asked of the background until the page has been read.
 */
export function IssuePanel({ issueRef, read: source, pageTitle }: { issueRef: IssueRef; read: Store<ConversationRead>; pageTitle: () => string | null }) {
  const { owner, repo, number } = issueRef;
  const read = useStore(source);
  const mentions = read.state === 'read' ? read.mentions : [];
  const state = useFresh(
    (refresh) => (read.state === 'reading' ? nothingYet() : background.githubContext({ owner, repo, number, mentions, refresh })),
    [owner, repo, number, read.state, mentions.join()],
  );
  const context = state.data;
  // The title GitHub's API gave, else the one on the page (GitHub not connected, or the issue not visible to it).
  const link = issueLink(issueRef, context?.issue?.title ?? pageTitle());
  if (read.state === 'reading') {
    return (
      <PanelFrame title="Customer">
        <p class="muted" data-testid="weft-reading">
          Reading the page…
        </p>
      </PanelFrame>
    );
  }
  return (
    <PanelFrame title="Customer" status={freshness(state)}>
      {context ? <Customer context={context} read={read} /> : state.refreshing ? <Loading /> : null}
      {state.error && (
        <p class="error" data-testid="weft-panel-error">
          {state.error.message}
        </p>
      )}
      {context && (
        <div class="actions" key={link.title}>
          <SlackPostAction
            testid="weft-action-slack"
            title="Notify Slack"
            text={`${link.title} (${link.ref})`}
            link={{ url: link.url, title: `${link.ref}: ${link.title}`.slice(0, 200) }}
          />
          <LogOnCompany issue={link} company={context.company} contact={context.contact} />
          <FollowUpTask issue={link} company={context.company} contact={context.contact} />
          <LinkToDeal issue={link} deals={context.deals} />
        </div>
      )}
      {/* Whatever the CRM knows: a flow about the issue needs only the issue. */}
      <ManualFlows place={githubPlace(issueRef.kind)} input={() => githubEntityInput(issueRef, context?.issue?.title ?? pageTitle())} />
    </PanelFrame>
  );
}

/** Why no customer is shown: only a page that was read may say that none is mentioned. */
function noCustomer(read: ConversationRead, kind: string): string {
  if (read.state === 'unreadable') return `Weft could not read this page’s opening post, so it cannot tell who this ${kind} is about.`;
  if (read.state === 'elsewhere') return `This tab does not show the opening post: the Conversation tab says who this ${kind} is about.`;
  return `No HubSpot contact or company mentioned in this ${kind}.`;
}

function Customer({ context, read }: { context: GithubContext; read: ConversationRead }) {
  const { contact, company, deals, issue } = context;
  return (
    <div data-testid="weft-crm">
      {issue && (
        <p class="small muted" data-testid="weft-issue-summary">
          <span data-testid="weft-issue-title">{issue.title}</span> · {issue.state}
          {issue.author ? ` · opened by ${issue.author}` : ''}
        </p>
      )}
      {!contact && !company ? (
        <p class="empty" data-testid={read.state === 'read' ? 'weft-crm-none' : 'weft-crm-unknown'}>
          {noCustomer(read, issue?.isPullRequest ? 'pull request' : 'issue')}
        </p>
      ) : (
        <ul>
          {contact && (
            <li class="row" data-testid="weft-crm-contact">
              <span class="muted small">Contact</span>
              <span class="grow">
                <ExternalLink href={contact.url ?? ''}>
                  <span data-testid="weft-crm-contact-name">{contact.name}</span>
                </ExternalLink>
                {contact.email && <span class="muted small"> {contact.email}</span>}
              </span>
            </li>
          )}
          {company && (
            <li class="row" data-testid="weft-crm-company">
              <span class="muted small">Company</span>
              <span class="grow">
                <ExternalLink href={company.url ?? ''}>{company.name}</ExternalLink>
                {company.domain && <span class="muted small"> {company.domain}</span>}
              </span>
            </li>
          )}
        </ul>
      )}
      {deals.length > 0 && (
        <>
          <h3 style={{ marginTop: '8px' }}>Open deals</h3>
          <ul data-testid="weft-deals">
            {deals.map((d) => (
              <li key={d.id} class="row" data-testid="weft-deal" data-stage={d.stage}>
                <span class="grow">
                  <ExternalLink href={d.url ?? ''}>{d.name}</ExternalLink>
                </span>
                <span class="pill">{d.stageLabel}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function Loading() {
  return (
    <div data-testid="weft-loading" aria-label="Loading">
      <div class="skeleton" style={{ width: '70%' }} />
      <div class="skeleton" style={{ width: '40%', marginTop: '6px' }} />
    </div>
  );
}
