import { read } from './read';
import type { Choice, ChoiceKind } from './types';

/**
 * What the pickers offer: Slack channels (the bot's first; others would answer
 * not_in_channel), the repositories the user can open issues in, and deal stages
 * labelled with their pipeline when there are several.
 */
export async function loadChoices(kind: ChoiceKind): Promise<Choice[]> {
  if (kind === 'slack_channels') {
    const { channels } = await read('slack', 'list_channels', {});
    return [...channels]
      .sort((a, b) => Number(b.isMember) - Number(a.isMember) || a.name.localeCompare(b.name))
      .map((c) => ({ id: c.id, label: `#${c.name}`, ...(c.isMember ? {} : { note: 'Weft bot not in channel' }) }));
  }
  if (kind === 'github_repos') {
    const { repos } = await read('github', 'list_repos', {});
    return repos.map((r) => ({ id: r.fullName, label: r.fullName, ...(r.private ? { note: 'private' } : {}) }));
  }
  const { pipelines } = await read('hubspot', 'list_deal_stages', {});
  return pipelines.flatMap((p) => p.stages.map((s) => ({ id: s.id, label: s.label, ...(pipelines.length > 1 ? { note: p.label } : {}) })));
}

/**
 * Closed stages end a deal. The stages action gives ids and labels only, so HubSpot's
 * fixed ids of the default pipeline and the usual words of custom ones decide.
 */
export function isClosedStage(id: string, label: string): boolean {
  return id === 'closedwon' || id === 'closedlost' || /\b(closed|won|lost|churned|renewed)\b/i.test(label);
}
