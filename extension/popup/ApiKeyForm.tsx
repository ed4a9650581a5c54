import { useState } from 'preact/hooks';
import { createConnectionSchema, type Connection, type ProviderView } from '@@/shared/protocol';
import { Button } from '@/components/Button';
import { Field } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { api } from '@/lib/api';
import { storeConnection } from '@/lib/cache';
import { fieldErrors, maxLengthOf } from '@/lib/field-errors';
import { useFieldErrors } from '@/hooks/use-field-errors';
import { TokenField } from './TokenField';

type Props = { provider: ProviderView; onAdded: (connection: Connection) => void; onCancel: () => void };

const nameMax = maxLengthOf(createConnectionSchema.shape.name);

/**
 * Connect with a pasted key. The server checks it with the provider before storing it;
 * a rejection comes back as the provider's reason and is shown here, the token kept so
 * a typo can be fixed.
 */
export function ApiKeyForm({ provider, onAdded, onCancel }: Props) {
  const [token, setToken] = useState('');
  const [name, setName] = useState('');
  const { errors, setErrors, clear } = useFieldErrors();
  const add = useAction();
  /** The user changed something: the last answer is about what they no longer have. */
  function edited(field: string) {
    clear(field);
    add.setError(null);
  }

  async function submit(e: Event) {
    e.preventDefault();
    const body = { provider: provider.id, name: name.trim() || undefined, credentials: { token } };
    const checked = createConnectionSchema.safeParse(body);
    setErrors(checked.success ? {} : fieldErrors(checked.error));
    if (!checked.success) return;
    const answer = await add.run(() => api.createConnection(checked.data));
    if (!answer) return;
    await storeConnection(answer.connection);
    onAdded(answer.connection);
  }

  return (
    <form class="panel stack" onSubmit={submit} noValidate data-testid="apikey-form">
      <TokenField provider={provider} testid="apikey-token" value={token} onInput={(v) => (setToken(v), edited('credentials'))} error={errors.credentials} autoFocus />
      <Field
        label="Name (optional)"
        testid="apikey-name"
        value={name}
        onInput={(v) => (setName(v), edited('name'))}
        error={errors.name}
        maxLength={nameMax}
        placeholder={`${provider.name} – production`}
      />
      {add.error && (
        <Notice kind="error" testid="form-error">
          {add.error}
        </Notice>
      )}
      <div class="panel-actions">
        <Button type="submit" variant="primary" testid="apikey-submit" busy={add.busy}>
          Connect
        </Button>
        <Button testid="apikey-cancel" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
