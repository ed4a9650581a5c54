import { useState } from 'preact/hooks';
import type { ComposeDraft } from '@/lib/context-menus/draft';
import { ActionForm } from '@/overlays/core/ui/ActionForm';
import { ChoiceSelect } from '@/overlays/core/ui/ChoiceSelect';
import { useFields } from '@/overlays/core/ui/use-fields';
import { issueDraft } from './prefill';

/** "Create GitHub issue from selection / linking this page": repository, title, description. */
export function IssueForm({ draft }: { draft: ComposeDraft }) {
  const [repo, setRepo] = useState('');
  const fields = useFields(issueDraft(draft));
  const title = fields.values.title.trim();
  return (
    <ActionForm
      standalone
      testid="compose-issue"
      title="Create issue"
      disabled={repo ? null : 'Pick a repository.'}
      onSent={fields.reset}
      build={() => (repo && title ? { provider: 'github', action: 'create_issue', input: { repo, title, body: fields.values.body }, label: `Open issue in ${repo}: ${title}` } : repo ? 'Give the issue a title.' : 'Pick a repository.')}
    >
      <ChoiceSelect kind="github_repos" label="Repository" testid="compose-issue-repo" value={repo} onChange={(id) => setRepo(id)} />
      <label>
        Title
        <input data-testid="compose-issue-title" value={fields.values.title} maxLength={256} onInput={(e) => fields.set('title', e.currentTarget.value)} />
      </label>
      <label>
        Description
        <textarea data-testid="compose-issue-body" rows={8} value={fields.values.body} onInput={(e) => fields.set('body', e.currentTarget.value)} />
      </label>
    </ActionForm>
  );
}
