import { Button } from '@/components/Button';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { useRemote } from '@/hooks/use-remote';
import { api } from '@/lib/api';
import { sendToBackground } from '@/lib/messaging/to-background';

type Props = { provider: string; name: string; testid: string };

/**
 * "Connect Slack", for a connection variable the user has no connection for: the
 * provider's consent page opens in a tab (the background watches it, as for the popup's
 * Connect), and the deploy form hears `connectionsChanged` when it is done and offers the
 * new connection. A provider this server cannot connect by OAuth is added in the popup.
 */
export function ConnectProvider({ provider, name, testid }: Props) {
  const catalog = useRemote(() => api.providers(), []);
  const connect = useAction();
  const view = catalog.data?.providers.find((p) => p.id === provider);
  const oauth = view?.authMode === 'oauth2' && view.configured;

  async function start() {
    await connect.run(async () => {
      const started = await sendToBackground('startOAuth', { provider });
      if (!started.ok) throw new Error(started.message);
    });
  }

  if (catalog.data && !oauth) {
    return (
      <p class="muted small" data-testid={`${testid}-popup`}>
        Add a {name} connection in the Weft popup (Add a connection), then come back: it shows here.
      </p>
    );
  }
  return (
    <div class="stack">
      <div>
        <Button variant="primary" testid={testid} busy={connect.busy || catalog.loading} onClick={() => void start()}>
          Connect {name}
        </Button>
      </div>
      {(connect.error ?? catalog.error) && (
        <Notice kind="error" testid={`${testid}-error`}>
          {connect.error ?? catalog.error}
        </Notice>
      )}
    </div>
  );
}
