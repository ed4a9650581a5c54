import { useState } from 'preact/hooks';
import type { Connection, ProviderView } from '@@/shared/protocol';
import { Button } from '@/components/Button';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { authChoices, authModeLabel, keyLabelInSentence, setupEnv, withArticle } from '@/lib/catalog';
import { sendToBackground } from '@/lib/messaging/to-background';
import { ApiKeyForm } from './ApiKeyForm';

type Props = { provider: ProviderView; onAdded: (connection: Connection) => void };

/**
 * One provider and the ways to connect it. A choice the server cannot honour is replaced
 * by a note saying why (not configured, key cannot be checked), never a dead button.
 */
export function ProviderCard({ provider: p, onAdded }: Props) {
  const choices = authChoices(p);
  const [keyFormOpen, setKeyFormOpen] = useState(false);
  const oauth = useAction();
  const aKey = withArticle(keyLabelInSentence(p));
  // Listed because a key works; OAuth needs the admin, who finds the env names here.
  const oauthSetup = choices.oauth && !p.configured ? setupEnv(p).join(', ') : null;
  const keyNote = choices.key && !p.canVerifyKey ? `Weft can't check ${aKey} for ${p.name} yet, so it can't accept one.` : null;

  async function connect() {
    await oauth.run(async () => {
      const started = await sendToBackground('startOAuth', { provider: p.id });
      if (!started.ok) throw new Error(started.message);
    });
  }

  return (
    <li class="card provider" data-testid={`provider-${p.id}`}>
      <div class="row-head">
        <span class="provider-name">{p.name}</span>
        <span class="mode" data-testid="auth-mode">
          {authModeLabel(p)}
        </span>
      </div>
      <p class="muted small">{p.description}</p>
      {oauthSetup && (
        <p class="setup-detail muted small" data-testid="oauth-needs-setup">
          Sign-in with {p.name} needs server setup: <span class="env">{oauthSetup}</span>.
        </p>
      )}
      {keyNote && (
        <p class="note" data-testid="cannot-verify-key">
          {keyNote}
        </p>
      )}
      <div class="choices">
        {choices.oauth && p.configured && (
          <Button variant="primary" testid="connect-oauth" busy={oauth.busy} onClick={() => void connect()}>
            Connect with {p.name}
          </Button>
        )}
        {choices.key && p.canVerifyKey && !keyFormOpen && (
          <Button testid="connect-apikey" onClick={() => setKeyFormOpen(true)}>
            {choices.oauth ? `Use ${aKey} instead` : `Add ${aKey}`}
          </Button>
        )}
      </div>
      {oauth.error && (
        <Notice kind="error" testid="form-error">
          {oauth.error}
        </Notice>
      )}
      {keyFormOpen && <ApiKeyForm provider={p} onAdded={onAdded} onCancel={() => setKeyFormOpen(false)} />}
    </li>
  );
}
