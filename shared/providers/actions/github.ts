import { z } from 'zod';
import { defineAction, issueNumber, repoName } from './define';
import { commentResultSchema, issueSearchResultSchema, issueSummarySchema, labelsResultSchema, reposResultSchema } from './github-results';

const issueRef = { repo: repoName, number: issueNumber };

/** GitHub actions. Wire format: server/providers/github/actions.ts. */
export const githubActions = {
  create_issue: defineAction({
    title: 'Create issue',
    description: 'Open an issue in a repository.',
    kind: 'write',
    input: z.object({
      repo: repoName,
      title: z.string().trim().min(1, 'Give the issue a title.').max(256),
      body: z.string().max(65_536).optional(),
      labels: z.array(z.string().min(1)).max(20).optional(),
      assignees: z.array(z.string().min(1)).max(10).optional(),
    }),
    output: issueSummarySchema,
  }),
  comment: defineAction({
    title: 'Comment',
    description: 'Add a comment to an issue or pull request.',
    kind: 'write',
    input: z.object({ ...issueRef, body: z.string().trim().min(1, 'Write something.').max(65_536) }),
    output: commentResultSchema,
  }),
  add_labels: defineAction({
    title: 'Add labels',
    description: 'Add labels to an issue or pull request.',
    kind: 'write',
    input: z.object({ ...issueRef, labels: z.array(z.string().min(1)).min(1).max(20) }),
    output: labelsResultSchema,
  }),
  remove_label: defineAction({
    title: 'Remove label',
    description: 'Remove one label from an issue or pull request.',
    kind: 'write',
    input: z.object({ ...issueRef, label: z.string().min(1) }),
    output: labelsResultSchema,
  }),
  assign: defineAction({
    title: 'Assign',
    description: 'Add assignees to an issue or pull request.',
    kind: 'write',
    input: z.object({ ...issueRef, assignees: z.array(z.string().min(1)).min(1).max(10) }),
    output: issueSummarySchema,
  }),
  set_state: defineAction({
    title: 'Close or reopen',
    description: 'Close or reopen an issue.',
    kind: 'write',
    input: z.object({ ...issueRef, state: z.enum(['open', 'closed']), reason: z.enum(['completed', 'not_planned', 'reopened']).optional() }),
    output: issueSummarySchema,
  }),
  search_issues: defineAction({
    title: 'Search issues',
    description: 'Find issues by text, label, or an email address or company domain they mention.',
    kind: 'read',
    input: z
      .object({
        text: z.string().max(200).optional(),
        repo: repoName.optional(),
        label: z.string().max(100).optional(),
        /** An email address or a domain mentioned in the title or body. */
        mentions: z.string().max(200).optional(),
        state: z.enum(['open', 'closed', 'all']).default('all'),
        limit: z.number().int().min(1).max(100).default(20),
      })
      .refine((q) => q.text || q.label || q.mentions || q.repo, 'Give some text, a label, a mention or a repository.'),
    output: issueSearchResultSchema,
  }),
  get_issue: defineAction({
    title: 'Get issue',
    description: 'Read one issue or pull request.',
    kind: 'read',
    input: z.object(issueRef),
    output: issueSummarySchema,
  }),
  list_repos: defineAction({
    title: 'List repositories',
    description: 'The repositories you can open issues in.',
    kind: 'read',
    input: z.object({}),
    output: reposResultSchema,
  }),
};
