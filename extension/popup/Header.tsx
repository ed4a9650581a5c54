import { browser } from '#imports';
import { Button } from '@/components/Button';
import { useAction } from '@/hooks/use-action';
import { openFlowsPage } from '@/lib/open-flows';
import { endSession } from '@/lib/session';
import { Brand } from '@/components/Brand';

export function Header({ email }: { email: string }) {
  const signOut = useAction();
  return (
    <header class="bar">
      <Brand />
      <span class="who" data-testid="user-email" title={email}>
        {email}
      </span>
      <Button variant="link" testid="open-flows" onClick={() => void openFlowsPage().then(() => window.close())} title="Integrations and flows">
        Flows
      </Button>
      <Button variant="link" testid="open-options" onClick={() => browser.runtime.openOptionsPage()} title="Settings">
        Settings
      </Button>
      <Button variant="link" testid="sign-out" busy={signOut.busy} onClick={() => void signOut.run(endSession)}>
        Sign out
      </Button>
    </header>
  );
}
