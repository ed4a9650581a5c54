import { useEffect, useState } from 'preact/hooks';
import type { Connection } from '@@/shared/protocol';
import { useStorageItem } from '@/hooks/use-storage-item';
import { lastOAuthOutcome, type Session } from '@/lib/settings';
import { ActivitySection } from './ActivitySection';
import { AddConnection } from './AddConnection';
import { ConnectionList } from './ConnectionList';
import { Header } from './Header';
import { OAuthBanner } from './OAuthBanner';
import { OutboxSection } from './OutboxSection';
import { RunFlowSection } from './RunFlowSection';
import { useCatalog } from './use-catalog';
import { useConnections } from './use-connections';

/** The signed-in popup: the connection manager and recent activity, or the catalog to add a connection from. */
export function SignedIn({ session }: { session: Session }) {
  const [view, setView] = useState<'list' | 'add'>('list');
  const [notice, setNotice] = useState<string | null>(null);
  const catalog = useCatalog();
  // Up here, not in the list: opening the popup checks the list (and the session) even when the catalog shows.
  const connections = useConnections();
  const outcome = useStorageItem(lastOAuthOutcome);
  const [openedAt] = useState(() => Date.now());

  // A consent tab finished while this popup stayed open (e.g. in its own window):
  // show the list with the new connection rather than the catalog it was started from.
  useEffect(() => {
    if (outcome?.status !== 'connected' || outcome.at < openedAt) return;
    setNotice(`Connected ${catalog.nameOf(outcome.provider)}.`);
    setView('list');
  }, [outcome]);

  function added(connection: Connection) {
    const who = connection.account ? ` as ${connection.account.label}` : '';
    setNotice(`Connected ${catalog.nameOf(connection.provider)}${who}.`);
    setView('list');
  }

  return (
    <div class="app">
      <Header email={session.user.email} />
      <main class="content">
        <OAuthBanner nameOf={catalog.nameOf} />
        {view === 'list' ? (
          <>
            {/* First: what the user asked for and is still waiting on (hidden when nothing is). */}
            <OutboxSection session={session} />
            <ConnectionList
              catalog={catalog}
              state={connections}
              notice={notice}
              onNotice={setNotice}
              onAdd={() => {
                setNotice(null);
                setView('add');
              }}
            />
            <RunFlowSection />
            <ActivitySection catalog={catalog} />
          </>
        ) : (
          <AddConnection catalog={catalog} onBack={() => setView('list')} onAdded={added} />
        )}
      </main>
    </div>
  );
}
