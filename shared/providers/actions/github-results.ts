import { z } from 'zod';

/**
 * What GitHub actions answer (server/providers/github/actions.ts shapes them from
 * GitHub's JSON). The panels read issues in this shape.
 */

/** An issue or pull request, the fields the panels show. */
export const issueSummarySchema = z.object({
  number: z.number().int(),
  title: z.string(),
  /** `open` or `closed`. */
  state: z.string(),
  url: z.string(),
  author: z.string().nullable(),
  labels: z.array(z.string()),
  assignees: z.array(z.string()),
  isPullRequest: z.boolean(),
  /** `owner/name`, when GitHub said. */
  repo: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type IssueSummary = z.infer<typeof issueSummarySchema>;

export const issueSearchResultSchema = z.object({ total: z.number().int(), items: z.array(issueSummarySchema) });

export const commentResultSchema = z.object({ id: z.number().int(), url: z.string() });

/** The labels the issue has after the change. */
export const labelsResultSchema = z.object({ labels: z.array(z.string()) });

export const reposResultSchema = z.object({ repos: z.array(z.object({ fullName: z.string(), private: z.boolean(), url: z.string() })) });
