import { useState } from 'preact/hooks';
import type { HubspotContext } from '@/lib/context/types';
import { ActionForm } from '../../core/ui/ActionForm';
import { ChoiceSelect } from '../../core/ui/ChoiceSelect';
import { useFields } from '../../core/ui/use-fields';

/** "Create GitHub issue for this customer": repository picked, title and body prefilled from the record. */
export function CreateIssue({ record, recordUrl }: { record: HubspotContext; recordUrl: string }) {
  const [repo, setRepo] = useState('');
  const who = [record.email, record.domain].filter(Boolean).join(', ');
  const fields = useFields({ title: `${record.name}: `, body: `Customer: ${record.name}${who ? ` (${who})` : ''}\nHubSpot: ${recordUrl}\n\n` });
  const title = fields.values.title.trim();
  return (
    <ActionForm
      testid="weft-action-create-issue"
      title="Create GitHub issue for this customer"
      disabled={repo ? null : 'Pick a repository.'}
      onSent={fields.reset}
      build={() => (repo && title ? { provider: 'github', action: 'create_issue', input: { repo, title, body: fields.values.body }, label: `Open issue in ${repo}: ${title}` } : repo ? 'Give the issue a title.' : 'Pick a repository.')}
    >
      <ChoiceSelect kind="github_repos" label="Repository" testid="weft-action-create-issue-repo" value={repo} onChange={(id) => setRepo(id)} />
      <label>
        Title
        <input data-testid="weft-action-create-issue-title" value={fields.values.title} maxLength={256} onInput={(e) => fields.set('title', e.currentTarget.value)} />
      </label>
      <label>
        Description
        <textarea data-testid="weft-action-create-issue-body" value={fields.values.body} onInput={(e) => fields.set('body', e.currentTarget.value)} />
      </label>
    </ActionForm>
  );
}
