import { useEffect, useState } from 'preact/hooks';
import { composeDrafts } from '@/lib/context-menus/context-menus';
import type { ComposeDraft } from '@/lib/context-menus/draft';
import { PanelFrame } from '@/overlays/core/ui/PanelFrame';
import { AddContactForm } from './AddContactForm';
import { FindInHubspot } from './FindInHubspot';
import { IssueForm } from './IssueForm';
import { SlackForm } from './SlackForm';

const titles = {
  'issue-from-selection': 'New GitHub issue',
  'issue-from-link': 'New GitHub issue',
  slack: 'Send to Slack',
  'find-in-hubspot': 'Find in HubSpot',
  'add-contact': 'New HubSpot contact',
} as const;

/** The small window a context-menu item opens: its form, prefilled from the selection, page and link. */
export function ComposeApp({ draftId }: { draftId: string }) {
  const [draft, setDraft] = useState<ComposeDraft | null | undefined>(undefined);
  useEffect(() => {
    void composeDrafts.getValue().then((drafts) => setDraft(drafts[draftId] ?? null));
  }, [draftId]);
  if (draft === undefined) return null;
  if (draft === null) {
    return (
      <PanelFrame title="Nothing to send">
        <p class="empty" data-testid="compose-missing">
          This window has nothing to send any more. Close it and use the menu again.
        </p>
      </PanelFrame>
    );
  }
  document.title = `Weft · ${titles[draft.kind]}`;
  return (
    <div class="compose" data-testid="compose" data-kind={draft.kind}>
      <PanelFrame title={titles[draft.kind]}>
        {draft.kind === 'slack' ? (
          <SlackForm draft={draft} />
        ) : draft.kind === 'find-in-hubspot' ? (
          <FindInHubspot draft={draft} />
        ) : draft.kind === 'add-contact' ? (
          <AddContactForm draft={draft} />
        ) : (
          <IssueForm draft={draft} />
        )}
        <button type="button" class="btn" data-testid="compose-close" onClick={() => window.close()}>
          Close
        </button>
      </PanelFrame>
    </div>
  );
}
