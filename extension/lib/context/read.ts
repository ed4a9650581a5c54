import type { z } from 'zod';
import { githubActions } from '@@/shared/providers/actions/github';
import { hubspotActions } from '@@/shared/providers/actions/hubspot';
import { slackActions } from '@@/shared/providers/actions/slack';
import { api } from '../api';

/** The catalog actions the overlays read, by provider. */
const catalog = { github: githubActions, hubspot: hubspotActions, slack: slackActions };
type Catalog = typeof catalog;

/** What a read action answers: its catalog `output` schema, the one the server checks before sending. */
export type ReadResult<P extends keyof Catalog, A extends keyof Catalog[P]> = z.output<(Catalog[P][A] & { output: z.ZodType })['output']>;

/**
 * One read action, its result checked against the action's catalog `output` schema (the
 * server checked it too; a server from another version may still answer otherwise).
 * Reads are not queued: they are safe to repeat, and a panel shows the cached answer
 * while they fail.
 *
 * @example (await read('github', 'get_issue', { repo: 'octocat/hello-world', number: 2 })).title
 */
export async function read<P extends keyof Catalog, A extends keyof Catalog[P] & string>(
  provider: P,
  action: A,
  input: z.input<(Catalog[P][A] & { input: z.ZodType })['input']>,
): Promise<ReadResult<P, A>> {
  const definition = catalog[provider][action] as { output: z.ZodType };
  const { result } = await api.action({ provider, action, input }, definition.output);
  return result as ReadResult<P, A>;
}
