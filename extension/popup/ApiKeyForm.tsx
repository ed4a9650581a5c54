import { useState } from 'preact/hooks';
import { createConnectionSchema, type Connection, type ProviderView } from '@@/shared/protocol';
import { Button } from '@/components/Button';
import { Field } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { api } from '@/lib/api';
import { storeConnection } from '@/lib/cache';
import { fieldErrors } from '@/lib/field-errors';
import { TokenField } from './TokenField';

type Props = { provider: ProviderView; onAdded: (connection: Connection) => void; onCancel: () => void };

/**
 * Connect with a pasted key. The server checks it with the provider before storing it;
 * a rejection comes back as the provider's reason and is shown here, the token kept so
 * a typo can be fixed.
 */
export function ApiKeyForm({ provider, onAdded, onCancel }: Props) {
  const [token, setToken] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = useAction();

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
      <TokenField provider={provider} testid="apikey-token" value={token} onInput={setToken} error={errors.credentials} autoFocus />
      <Field
        label="Name (optional)"
        testid="apikey-name"
        value={name}
        onInput={setName}
        error={errors.name}
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
