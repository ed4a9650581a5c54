import { useState } from 'preact/hooks';
import { ExternalLink } from '@/components/ExternalLink';
import type { HubspotContext } from '@/lib/context/types';
import { ActionForm } from '../../core/ui/ActionForm';
import { ChoiceSelect } from '../../core/ui/ChoiceSelect';

/** "Create GitHub issue for this customer": repository picked, title and body prefilled from the record. */
export function CreateIssue({ record, recordUrl }: { record: HubspotContext; recordUrl: string }) {
  const [repo, setRepo] = useState('');
  const [title, setTitle] = useState(`${record.name}: `);
  const who = [record.email, record.domain].filter(Boolean).join(', ');
  const [body, setBody] = useState(`Customer: ${record.name}${who ? ` (${who})` : ''}\nHubSpot: ${recordUrl}\n\n`);
  return (
    <ActionForm
      testid="weft-action-create-issue"
      title="Create GitHub issue for this customer"
      disabled={repo ? null : 'Pick a repository.'}
      build={() => (repo && title.trim() ? { provider: 'github', action: 'create_issue', input: { repo, title: title.trim(), body }, label: `Open issue in ${repo}: ${title.trim()}` } : repo ? 'Give the issue a title.' : 'Pick a repository.')}
      done={(result) => {
        const url = (result as { url?: unknown } | undefined)?.url;
        return typeof url === 'string' ? <ExternalLink href={url}>Open it</ExternalLink> : null;
      }}
    >
      <ChoiceSelect kind="github_repos" label="Repository" testid="weft-action-create-issue-repo" value={repo} onChange={(id) => setRepo(id)} />
      <label>
        Title
        <input data-testid="weft-action-create-issue-title" value={title} maxLength={256} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <label>
        Description
        <textarea data-testid="weft-action-create-issue-body" value={body} onInput={(e) => setBody(e.currentTarget.value)} />
      </label>
    </ActionForm>
  );
}
