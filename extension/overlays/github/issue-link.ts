import type { IssueRef } from './page';

/** What the actions say about the issue: its canonical URL, `owner/repo#n`, and title. */
export type IssueLink = { url: string; ref: string; title: string; kind: IssueRef['kind']; kindName: string };

export function issueLink(ref: IssueRef, title: string | null): IssueLink {
  const path = ref.kind === 'pull' ? 'pull' : 'issues';
  const short = `${ref.owner}/${ref.repo}#${ref.number}`;
  return {
    url: `https://github.com/${ref.owner}/${ref.repo}/${path}/${ref.number}`,
    ref: short,
    title: title ?? short,
    kind: ref.kind,
    kindName: ref.kind === 'pull' ? 'GitHub pull request' : 'GitHub issue',
  };
}
