import { useState } from 'preact/hooks';
import { updateConnectionSchema, type Connection, type ProviderView } from '@@/shared/protocol';
import { Button } from '@/components/Button';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { api } from '@/lib/api';
import { storeConnection } from '@/lib/cache';
import { fieldErrors } from '@/lib/field-errors';
import { TokenField } from './TokenField';

type Props = {
  connection: Connection;
  provider: ProviderView | undefined;
  onDone: (message: string) => void;
  onCancel: () => void;
};

/** A new token for a key-based connection. The server checks it with the provider first. */
export function CredentialsForm({ connection, provider, onDone, onCancel }: Props) {
  const [token, setToken] = useState('');
  const [tokenError, setTokenError] = useState<string>();
  const save = useAction();

  async function submit(e: Event) {
    e.preventDefault();
    const checked = updateConnectionSchema.safeParse({ credentials: { token } });
    setTokenError(checked.success ? undefined : fieldErrors(checked.error).credentials);
    if (!checked.success) return;
    const answer = await save.run(() => api.updateConnection(connection.id, checked.data));
    if (!answer) return;
    await storeConnection(answer.connection);
    onDone('New token saved.');
  }

  return (
    <form class="panel stack" onSubmit={submit} noValidate data-testid="credentials-form">
      <TokenField
        provider={provider}
        testid="credentials-token"
        value={token}
        onInput={(v) => {
          setToken(v);
          setTokenError(undefined);
          save.setError(null);
        }}
        error={tokenError}
        autoFocus
      />
      {save.error && (
        <Notice kind="error" testid="form-error">
          {save.error}
        </Notice>
      )}
      <div class="panel-actions">
        <Button type="submit" variant="primary" testid="credentials-save" busy={save.busy}>
          Save token
        </Button>
        <Button testid="credentials-cancel" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
