import { z } from 'zod';

/**
 * `POST /api/actions/:provider/:action`: which connection ran it, and the action's answer
 * in the shape of its catalog `output` schema (the server checks it before sending).
 *
 * @example actionResponseSchema(githubActions.get_issue.output).parse(await res.json()).result.title
 */
export const actionResponseSchema = <O extends z.ZodType>(output: O) => z.object({ connectionId: z.string(), result: output });
export type ActionResponse<T = unknown> = { connectionId: string; result: T };
