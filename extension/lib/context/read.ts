import type { z } from 'zod';
import { api } from '../api';
import { ApiError } from '../api-error';

/**
 * One read action, its result checked against `schema`. Reads are not queued: they are
 * safe to repeat, and a panel shows the cached answer while they fail.
 *
 * @example await read('github', 'get_issue', { repo: 'octocat/hello-world', number: 2 }, issueSchema)
 */
export async function read<T>(provider: string, action: string, input: unknown, schema: z.ZodType<T>): Promise<T> {
  const { result } = await api.action({ provider, action, input });
  const parsed = schema.safeParse(result);
  if (!parsed.success) throw new ApiError(200, 'bad_response', `The ${action.replace(/_/g, ' ')} answer from the Weft server was not understood.`);
  return parsed.data;
}
