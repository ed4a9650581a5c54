import type { ComposeDraft } from '@/lib/context-menus/draft';
import { SlackPostAction } from '@/overlays/core/ui/SlackPostAction';

/** "Send to Slack…": the selection, with a link back to the page. */
export function SlackForm({ draft }: { draft: ComposeDraft }) {
  const link = draft.pageUrl ? { url: draft.pageUrl, title: (draft.pageTitle || draft.pageUrl).slice(0, 200) } : undefined;
  return <SlackPostAction standalone testid="compose-slack" title="Send to Slack" text={draft.selection} link={link} />;
}
