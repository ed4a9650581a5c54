import { useState } from 'preact/hooks';
import { FLOW_API_LIMITS } from '@@/shared/protocol/flows';
import { Button } from '@/components/Button';
import { Field } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { flowsApi } from '@/lib/flows-api';

/** Freezes the saved draft (not unsaved edits) as the next version, with a note saying what changed. */
export function PublishForm({ integrationId, onPublished }: { integrationId: string; onPublished: (version: number) => void }) {
  const [note, setNote] = useState('');
  const [published, setPublished] = useState<number | null>(null);
  const publish = useAction();

  async function submit(e: Event) {
    e.preventDefault();
    const answer = await publish.run(() => flowsApi.publish(integrationId, { note }));
    if (!answer) return;
    setNote('');
    setPublished(answer.version.version);
    onPublished(answer.version.version);
  }

  return (
    <form class="stack" onSubmit={submit} noValidate data-testid="publish-form">
      <Field label="Note" testid="publish-note" value={note} maxLength={FLOW_API_LIMITS.note} placeholder="What changed" onInput={setNote} hint="Publishes the saved draft; unsaved edits in the editor are not included." />
      {publish.error && (
        <Notice kind="error" testid="publish-error">
          {publish.error}
        </Notice>
      )}
      {published !== null && !publish.error && (
        <Notice kind="ok" testid="published" onDismiss={() => setPublished(null)}>
          Published version {published}.
        </Notice>
      )}
      <div>
        <Button type="submit" variant="primary" testid="publish" busy={publish.busy}>
          Publish a version
        </Button>
      </div>
    </form>
  );
}
