import { Brand } from '@/components/Brand';
import { useStorageItem } from '@/hooks/use-storage-item';
import { session } from '@/lib/settings';
import { AccountSection } from './AccountSection';
import { DeliveriesSection } from './DeliveriesSection';
import { FlowsSection } from './FlowsSection';
import { NotificationsSection } from './NotificationsSection';
import { ServerSection } from './ServerSection';
import { WebhooksSection } from './WebhooksSection';
import { useWebhooks } from './use-webhooks';

export function OptionsApp() {
  const current = useStorageItem(session);
  return (
    <main class="options">
      <h1>
        <Brand large /> <span class="muted">settings</span>
      </h1>
      <ServerSection />
      <AccountSection />
      <NotificationsSection />
      {/* Keyed by token: another account must not see the previous one's lists for a moment. */}
      {current && <SignedInSections key={current.token} />}
    </main>
  );
}

function SignedInSections() {
  const webhooks = useWebhooks();
  return (
    <div class="stack options-signed-in">
      <FlowsSection />
      <WebhooksSection webhooks={webhooks} />
      <DeliveriesSection endpointName={webhooks.nameOf} />
    </div>
  );
}
