import { useState } from 'preact/hooks';
import type { Connection, ProviderView } from '@@/shared/protocol';
import { Button } from '@/components/Button';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { api } from '@/lib/api';
import { storeConnection } from '@/lib/cache';
import { sendToBackground } from '@/lib/messaging/to-background';
import { CredentialsForm } from './CredentialsForm';
import { DeleteConfirm } from './DeleteConfirm';
import { RenameForm } from './RenameForm';

type Panel = 'rename' | 'credentials' | 'delete' | null;
type Props = { connection: Connection; provider: ProviderView | undefined; onNotice: (message: string | null) => void };

/** Test, Reconnect or Update token, Rename, Delete; one inline form open at a time. */
export function ConnectionActions({ connection: c, provider, onNotice }: Props) {
  const [panel, setPanel] = useState<Panel>(null);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const test = useAction();
  const reconnect = useAction();

  /** Whatever was said about the last action (here or atop the list) is stale once the user starts another. */
  function forgetLast() {
    onNotice(null);
    setResult(null);
    test.setError(null);
    reconnect.setError(null);
  }
  function open(next: Panel) {
    forgetLast();
    setPanel(panel === next ? null : next);
  }
  function done(message: string) {
    forgetLast();
    setPanel(null);
    setResult({ ok: true, message });
  }

  async function runTest() {
    forgetLast();
    setPanel(null);
    const answer = await test.run(() => api.testConnection(c.id));
    if (!answer) return;
    await storeConnection(answer.connection);
    setResult({ ok: answer.ok, message: answer.message });
  }

  async function runReconnect() {
    forgetLast();
    setPanel(null);
    await reconnect.run(async () => {
      const started = await sendToBackground('startOAuth', { provider: c.provider, connectionId: c.id });
      if (!started.ok) throw new Error(started.message);
    });
  }

  const error = test.error ?? reconnect.error;
  // A failed test's reason is the row's status reason, already shown under the name: say it once.
  const resultText = result && !result.ok && result.message === c.statusReason ? 'Test failed: the reason is shown above.' : result?.message;
  return (
    <>
      <div class="actions">
        <Button variant="link" testid="action-test" busy={test.busy} onClick={() => void runTest()}>
          Test
        </Button>
        {c.authMode === 'oauth2' ? (
          <Button variant="link" testid="action-reconnect" busy={reconnect.busy} onClick={() => void runReconnect()}>
            Reconnect
          </Button>
        ) : (
          <Button variant="link" testid="action-credentials" onClick={() => open('credentials')}>
            Update token
          </Button>
        )}
        <Button variant="link" testid="action-rename" onClick={() => open('rename')}>
          Rename
        </Button>
        <Button variant="link" testid="action-delete" onClick={() => open('delete')}>
          Delete
        </Button>
      </div>
      {result && (
        <p class={result.ok ? 'result ok' : 'result bad'} data-testid="action-result" data-ok={String(result.ok)}>
          {resultText}
        </p>
      )}
      {error && (
        <Notice kind="error" testid="form-error">
          {error}
        </Notice>
      )}
      {panel === 'rename' && <RenameForm connection={c} onDone={done} onCancel={() => setPanel(null)} />}
      {panel === 'credentials' && (
        <CredentialsForm connection={c} provider={provider} onDone={done} onCancel={() => setPanel(null)} />
      )}
      {panel === 'delete' && (
        <DeleteConfirm connection={c} providerName={provider?.name ?? c.provider} onDeleted={onNotice} onCancel={() => setPanel(null)} />
      )}
    </>
  );
}
