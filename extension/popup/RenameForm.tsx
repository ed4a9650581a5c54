import { useState } from 'preact/hooks';
import { updateConnectionSchema, type Connection } from '@@/shared/protocol';
import { Button } from '@/components/Button';
import { Field } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { api } from '@/lib/api';
import { storeConnection } from '@/lib/cache';
import { fieldErrors, maxLengthOf } from '@/lib/field-errors';

type Props = { connection: Connection; onDone: (message: string) => void; onCancel: () => void };

const nameMax = maxLengthOf(updateConnectionSchema.shape.name);

export function RenameForm({ connection, onDone, onCancel }: Props) {
  const [name, setName] = useState(connection.name);
  const [nameError, setNameError] = useState<string>();
  const save = useAction();

  async function submit(e: Event) {
    e.preventDefault();
    const checked = updateConnectionSchema.safeParse({ name });
    setNameError(checked.success ? undefined : fieldErrors(checked.error).name);
    if (!checked.success) return;
    const answer = await save.run(() => api.updateConnection(connection.id, checked.data));
    if (!answer) return;
    await storeConnection(answer.connection);
    onDone(`Renamed to “${answer.connection.name}”.`);
  }

  return (
    <form class="panel stack" onSubmit={submit} noValidate data-testid="rename-form">
      <Field
        label="Name"
        testid="rename-input"
        value={name}
        onInput={(v) => {
          setName(v);
          setNameError(undefined);
          save.setError(null);
        }}
        error={nameError}
        maxLength={nameMax}
        required
        autoFocus
      />
      {save.error && (
        <Notice kind="error" testid="form-error">
          {save.error}
        </Notice>
      )}
      <div class="panel-actions">
        <Button type="submit" variant="primary" testid="rename-save" busy={save.busy}>
          Save
        </Button>
        <Button testid="rename-cancel" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
