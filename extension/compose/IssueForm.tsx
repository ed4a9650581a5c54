import { useState } from 'preact/hooks';
import { ExternalLink } from '@/components/ExternalLink';
import type { ComposeDraft } from '@/lib/context-menus/draft';
import { ActionForm } from '@/overlays/core/ui/ActionForm';
import { ChoiceSelect } from '@/overlays/core/ui/ChoiceSelect';
import { issueDraft } from './prefill';

/** "Create GitHub issue from selection / linking this page": repository, title, description. */
export function IssueForm({ draft }: { draft: ComposeDraft }) {
  const initial = issueDraft(draft);
  const [repo, setRepo] = useState('');
  const [title, setTitle] = useState(initial.title);
  const [body, setBody] = useState(initial.body);
  return (
    <ActionForm
      standalone
      testid="compose-issue"
      title="Create issue"
      disabled={repo ? null : 'Pick a repository.'}
      build={() => (repo && title.trim() ? { provider: 'github', action: 'create_issue', input: { repo, title: title.trim(), body }, label: `Open issue in ${repo}: ${title.trim()}` } : repo ? 'Give the issue a title.' : 'Pick a repository.')}
      done={(result) => {
        const url = (result as { url?: unknown } | undefined)?.url;
        return typeof url === 'string' ? <ExternalLink href={url}>Open it</ExternalLink> : null;
      }}
    >
      <ChoiceSelect kind="github_repos" label="Repository" testid="compose-issue-repo" value={repo} onChange={(id) => setRepo(id)} />
      <label>
        Title
        <input data-testid="compose-issue-title" value={title} maxLength={256} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <label>
        Description
        <textarea data-testid="compose-issue-body" rows={8} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
      </label>
    </ActionForm>
  );
}
