import { Brand } from '@/components/Brand';
import { useStorageItem } from '@/hooks/use-storage-item';
import { session } from '@/lib/settings';
import { IntegrationPage } from './integration/IntegrationPage';
import { IntegrationsPage } from './list/IntegrationsPage';
import { hrefOf } from './route';
import { RunPage } from './runs/RunPage';
import { TemplatesPage } from './templates/TemplatesPage';
import { useHashRoute } from './use-hash-route';

/** The Flows tab: integrations, their editor and versions, deployed instances, runs and templates. */
export function FlowsApp() {
  const current = useStorageItem(session);
  const route = useHashRoute();
  return (
    <div class="flows">
      <header class="flows-bar">
        <a class="flows-home" href={hrefOf({ page: 'list' })}>
          <Brand large /> <span class="muted">flows</span>
        </a>
        <nav class="flows-nav" aria-label="Flows">
          <a href={hrefOf({ page: 'list' })} aria-current={route.page === 'list' || route.page === 'integration' ? 'page' : undefined} data-testid="nav-integrations">
            Integrations
          </a>
          <a href={hrefOf({ page: 'templates' })} aria-current={route.page === 'templates' ? 'page' : undefined} data-testid="nav-templates">
            Templates
          </a>
        </nav>
        {current && (
          <span class="muted small who" data-testid="flows-user">
            {current.user.email}
          </span>
        )}
      </header>
      <main class="flows-main">
        {current === null && (
          <p class="muted" data-testid="flows-signed-out">
            Not signed in. Open Weft from the toolbar to sign in, then come back to this tab.
          </p>
        )}
        {/* Keyed by token: another account must not see the previous one's integrations for a moment. */}
        {current && (
          <div key={current.token} class="stack">
            {route.page === 'list' && <IntegrationsPage />}
            {route.page === 'templates' && <TemplatesPage />}
            {route.page === 'integration' && <IntegrationPage key={route.id} id={route.id} tab={route.tab} />}
            {route.page === 'run' && <RunPage key={route.id} id={route.id} />}
          </div>
        )}
      </main>
    </div>
  );
}
