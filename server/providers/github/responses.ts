import { z } from 'zod';

/**
 * What Weft reads of GitHub's REST answers: only the fields the actions use, others
 * ignored, so a field GitHub adds never breaks a call and one it drops is a clear error.
 * https://docs.github.com/en/rest/issues/issues
 */
export const githubIssue = z.object({
  number: z.number(),
  title: z.string(),
  state: z.string(),
  html_url: z.string(),
  user: z.object({ login: z.string() }).nullish(),
  labels: z.array(z.union([z.string(), z.object({ name: z.string() })])).default([]),
  assignees: z.array(z.object({ login: z.string() })).nullish(),
  pull_request: z.unknown().optional(),
  repository_url: z.string().optional(),
  updated_at: z.string().nullish(),
});
export type GithubIssue = z.infer<typeof githubIssue>;

export const githubComment = z.object({ id: z.number(), html_url: z.string() });

export const githubLabels = z.array(z.object({ name: z.string() }));

export const githubSearch = z.object({ total_count: z.number(), items: z.array(githubIssue) });

export const githubRepos = z.array(z.object({ full_name: z.string(), private: z.boolean(), html_url: z.string() }));
