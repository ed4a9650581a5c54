import { randomUUID } from 'node:crypto';
import examples from '@octokit/webhooks-examples' with { type: 'json' };
import { findProvider } from '../../shared/providers';
import { saveConnection } from '../connections/save-connection';
import type { TestApp } from './test-app';

/** A real payload from @octokit/webhooks-examples, e.g. githubExample('issues', 'opened'). */
export function githubExample(event: string, action?: string): Record<string, any> {
  const group = (examples as { name: string; examples: Record<string, any>[] }[]).find((g) => g.name === event);
  const found = group?.examples.find((e) => action === undefined || e.action === action);
  if (!found) throw new Error(`No example for ${event}.${action}`);
  return structuredClone(found);
}

/** Gives a user a connection whose account routing will match (no provider call). */
export async function connectAccount(t: TestApp, user: { id: string; workspaceId: string }, provider: string, account: { id: string; label: string }) {
  const { row } = await saveConnection(t.deps.db, t.deps.vault, findProvider(provider)!, account, {
    authMode: 'api_key', accessToken: `token-${randomUUID()}`, refreshToken: null, expiresAt: null, scopes: [],
  }, { workspaceId: user.workspaceId, userId: user.id });
  return row;
}

/** Events in the log, all of them or of one type. */
export async function countEvents(t: TestApp, type?: string): Promise<number> {
  let query = t.deps.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n'));
  if (type) query = query.where('type', '=', type);
  return Number((await query.executeTakeFirstOrThrow()).n);
}
