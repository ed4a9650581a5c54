import type { z } from 'zod';
import { actionCatalog, type ActionCatalog } from '../action-catalog';
import { api } from '../api';

/** What a read action answers: its catalog `output` schema, the one the server checks before sending. */
export type ReadResult<P extends keyof ActionCatalog, A extends keyof ActionCatalog[P]> = z.output<(ActionCatalog[P][A] & { output: z.ZodType })['output']>;

/**
 * One read action, its result checked against the action's catalog `output` schema (the
 * server checked it too; a server from another version may still answer otherwise).
 * Reads are not queued: they are safe to repeat, and a panel shows the cached answer
 * while they fail.
 *
 * @example (await read('github', 'get_issue', { repo: 'octocat/hello-world', number: 2 })).title
 */
export async function read<P extends keyof ActionCatalog, A extends keyof ActionCatalog[P] & string>(
  provider: P,
  action: A,
  input: z.input<(ActionCatalog[P][A] & { input: z.ZodType })['input']>,
): Promise<ReadResult<P, A>> {
  const definition = actionCatalog[provider][action] as { output: z.ZodType };
  const { result } = await api.action({ provider, action, input }, definition.output);
  return result as ReadResult<P, A>;
}
