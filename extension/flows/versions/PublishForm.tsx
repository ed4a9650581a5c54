import { useState } from 'preact/hooks';
import { FLOW_API_LIMITS, type DocumentProblem } from '@@/shared/protocol/flows';
import { Button } from '@/components/Button';
import { Field } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { flowsApi } from '@/lib/flows-api';
import { ProblemList } from '../common/ProblemList';
import { problemsOf } from '../common/problems';

/**
 * Freezes the saved draft (not unsaved edits) as the next version, with a note saying what
 * changed. Publishing type-checks the draft (expressions against the triggers' sample
 * payloads, inputs against the catalog): a refusal lists each problem where it is.
 */
export function PublishForm({ integrationId, onPublished }: { integrationId: string; onPublished: (version: number) => void }) {
  const [note, setNote] = useState('');
  const [published, setPublished] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<DocumentProblem[]>([]);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setProblems([]);
    try {
      const answer = await flowsApi.publish(integrationId, { note });
      setNote('');
      setPublished(answer.version.version);
      onPublished(answer.version.version);
    } catch (err) {
      setProblems(problemsOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="stack" onSubmit={submit} noValidate data-testid="publish-form">
      <Field label="Note" testid="publish-note" value={note} maxLength={FLOW_API_LIMITS.note} placeholder="What changed" onInput={setNote} hint="Publishes the saved draft; unsaved edits in the editor are not included." />
      {problems.length > 0 && (
        <Notice kind="error" testid="publish-error">
          <p>Not published: fix the draft (Edit draft), save it, and publish again.</p>
          <ProblemList problems={problems} testid="publish-problems" />
        </Notice>
      )}
      {published !== null && problems.length === 0 && (
        <Notice kind="ok" testid="published" onDismiss={() => setPublished(null)}>
          Published version {published}.
        </Notice>
      )}
      <div>
        <Button type="submit" variant="primary" testid="publish" busy={busy}>
          Publish a version
        </Button>
      </div>
    </form>
  );
}
