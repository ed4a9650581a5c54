import { useState } from 'preact/hooks';
import { Button } from '@/components/Button';
import { Field } from '@/components/Field';
import { useAction } from '@/hooks/use-action';
import { useStorageItem } from '@/hooks/use-storage-item';
import { api } from '@/lib/api';
import { messageOf } from '@/lib/api-error';
import { parseServerUrl } from '@/lib/server-url';
import { switchServer } from '@/lib/session';
import { serverUrl } from '@/lib/settings';

/** Where the Weft server is. Test checks the typed address before it is saved. */
export function ServerSection() {
  const saved = useStorageItem(serverUrl);
  /** What the user typed; null follows the saved value (also when another page changes it). */
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const save = useAction();
  const test = useAction();
  const value = draft ?? saved ?? '';

  function checked(): string | undefined {
    const parsed = parseServerUrl(value);
    setError(parsed.ok ? undefined : parsed.message);
    setStatus(null);
    return parsed.ok ? parsed.url : undefined;
  }

  async function submit(e: Event) {
    e.preventDefault();
    const url = checked();
    if (!url) return;
    const changed = url !== saved;
    const switched = await save.run(async () => (await switchServer(url), true));
    if (!switched) return;
    setDraft(null);
    setStatus({ ok: true, message: changed ? 'Saved. Sign in again from the popup.' : 'Saved.' });
  }

  async function runTest() {
    const url = checked();
    if (!url) return;
    await test.run(async () => {
      try {
        await api.health(url);
        setStatus({ ok: true, message: `OK: the Weft server at ${url} is up.` });
      } catch (err) {
        setStatus({ ok: false, message: messageOf(err) });
      }
    });
  }

  return (
    <form class="section stack" onSubmit={submit} noValidate>
      <h2>Server</h2>
      <Field
        label="Weft server URL"
        type="url"
        testid="server-url-input"
        value={value}
        onInput={(v) => {
          setDraft(v);
          // What was said about the previous address no longer applies.
          setError(undefined);
          setStatus(null);
          save.setError(null);
          test.setError(null);
        }}
        error={error}
        placeholder="http://localhost:8787"
        hint="Changing the server signs you out: an account belongs to one server."
      />
      <div class="panel-actions">
        <Button type="submit" variant="primary" testid="server-save" busy={save.busy}>
          Save
        </Button>
        <Button testid="server-test" busy={test.busy} onClick={() => void runTest()}>
          Test
        </Button>
      </div>
      {save.error && (
        <p class="result bad" data-testid="server-save-error" role="alert">
          {save.error}
        </p>
      )}
      {status && (
        <p class={status.ok ? 'result ok' : 'result bad'} data-testid="server-status" data-ok={String(status.ok)} role="status">
          {status.message}
        </p>
      )}
    </form>
  );
}
