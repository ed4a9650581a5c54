import { handleInBackground, type GithubContextRequest } from '../messaging/to-background';
import { loadChoices } from './choices';
import { findInHubspot } from './find-in-hubspot';
import { githubContextKey, loadGithubContext } from './github-context';
import { hubspotContextKey, loadHubspotContext } from './hubspot-context';
import { cachedOrLoad, cachedValue } from './lookups';
import type { GithubContext } from './types';
import { loadRepoContext } from './repo-context';

/**
 * The overlays' reads, answered by the background: content scripts cannot open the
 * extension's IndexedDB (theirs is the host site's) and never talk to the server.
 * Each answers from the cache unless asked to refresh. Call synchronously in main.
 */
export function listenForContextRequests(): void {
  handleInBackground('getGithubContext', ({ data }) => cachedOrLoad(githubContextKey(data), Boolean(data.refresh), async () => loadGithubContext({ ...data, mentions: await mentionsOrRemembered(data) })));
  handleInBackground('getHubspotContext', ({ data }) => cachedOrLoad(hubspotContextKey(data), Boolean(data.refresh), () => loadHubspotContext(data)));
  handleInBackground('getRepoContext', ({ data }) =>
    cachedOrLoad(`github:repo:${data.owner}/${data.repo}`.toLowerCase(), Boolean(data.refresh), () => loadRepoContext(data.owner, data.repo)),
  );
  handleInBackground('getChoices', ({ data }) => cachedOrLoad(`choices:${data.kind}`, Boolean(data.refresh), () => loadChoices(data.kind)));
  handleInBackground('findInHubspot', ({ data }) => cachedOrLoad(`find:${data.query}`, true, () => findInHubspot(data.query)));
}

/**
 * A pull request's Files tab shows no opening post: without mentions of its own, the
 * customer found on its Conversation tab (cached) is looked up again.
 */
async function mentionsOrRemembered(request: GithubContextRequest): Promise<string[]> {
  if (request.mentions?.length) return request.mentions;
  const cached = await cachedValue<GithubContext>(githubContextKey(request));
  return cached?.matchedBy ? [cached.matchedBy.value] : [];
}
