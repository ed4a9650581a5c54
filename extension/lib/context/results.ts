import { z } from 'zod';
import type { IssueSummary } from './types';

/**
 * The shapes of the read actions' results (server/providers/<id>/actions.ts), checked
 * before the overlays see them: a provider answer is remote data like any other.
 */

const text = z.string();
const nullableText = z.string().nullable().catch(null);

export const issueSchema: z.ZodType<IssueSummary> = z.object({
  number: z.number().int(),
  title: text,
  state: text,
  url: text,
  author: nullableText,
  labels: z.array(text).catch([]),
  assignees: z.array(text).catch([]),
  isPullRequest: z.boolean().catch(false),
  repo: nullableText,
  updatedAt: nullableText,
});
export const issueSearchSchema = z.object({ total: z.number(), items: z.array(issueSchema) });

export const recordSchema = z.object({
  object: z.enum(['contacts', 'companies', 'deals']),
  id: text,
  properties: z.record(z.string(), z.string().nullable().optional()).catch({}),
  associations: z.record(z.string(), z.array(text)).catch({}),
});
export type CrmRecord = z.infer<typeof recordSchema>;
export const recordSearchSchema = z.object({ total: z.number(), results: z.array(recordSchema) });

export const pipelinesSchema = z.object({
  pipelines: z.array(z.object({ id: text, label: text, stages: z.array(z.object({ id: text, label: text })) })),
});
export const channelsSchema = z.object({
  channels: z.array(z.object({ id: text, name: text, isMember: z.boolean().catch(false), isPrivate: z.boolean().catch(false) })),
});
export const reposSchema = z.object({ repos: z.array(z.object({ fullName: text, private: z.boolean().catch(false), url: text })) });
