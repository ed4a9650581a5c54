import { browser } from '#imports';
import { useState } from 'preact/hooks';
import { Button } from '@/components/Button';
import { Notice } from '@/components/Notice';
import { useStorageItem } from '@/hooks/use-storage-item';
import { serverUrl, sessionNotice } from '@/lib/settings';
import { AuthForm } from './AuthForm';
import { Brand } from '@/components/Brand';
import type { AuthMode } from './validate-credentials';

const modes: [AuthMode, string][] = [
  ['signin', 'Sign in'],
  ['signup', 'Create account'],
];

export function AuthScreen() {
  const [mode, setMode] = useState<AuthMode>('signin');
  const notice = useStorageItem(sessionNotice);
  const server = useStorageItem(serverUrl);

  return (
    <main class="auth">
      <h1>
        <Brand large />
      </h1>
      <p class="lead">Connect your tools once, then use them where you work.</p>
      {notice && (
        <Notice kind="warn" testid="session-notice">
          {notice}
        </Notice>
      )}
      <div class="tabs" role="tablist">
        {modes.map(([m, label]) => (
          <button
            key={m}
            type="button"
            role="tab"
            class="tab"
            aria-selected={mode === m}
            data-testid={`mode-${m}`}
            onClick={() => setMode(m)}
          >
            {label}
          </button>
        ))}
      </div>
      <AuthForm mode={mode} />
      <p class="server-line">
        Server <span class="mono" data-testid="server-url">{server}</span>
        <Button variant="link" testid="open-options" onClick={() => browser.runtime.openOptionsPage()}>
          Change
        </Button>
      </p>
    </main>
  );
}
