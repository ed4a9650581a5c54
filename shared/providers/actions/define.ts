import { z } from 'zod';

/**
 * An action a provider offers. Its input is a zod schema, so the server validates with
 * it and the extension builds its form from the same definition (served as JSON Schema).
 * Its output is one too: the server checks every answer against it before sending it (a
 * provider that answers something unexpected gives the user an error, not garbage), and
 * the extension reads answers with the same schema.
 */
export interface ActionDefinition<S extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  title: string;
  description: string;
  /** `write` actions change something at the provider: idempotency keys matter, and
   * providers' content-creation limits apply. */
  kind: 'read' | 'write';
  input: S;
  output: O;
}

export function defineAction<S extends z.ZodType, O extends z.ZodType>(action: ActionDefinition<S, O>): ActionDefinition<S, O> {
  return action;
}

/** `owner/name`, as GitHub spells a repository. */
export const repoName = z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'Use owner/name, e.g. octocat/hello-world.');
export const issueNumber = z.coerce.number().int().positive();
/** HubSpot record ids are numeric strings. */
export const hubspotId = z.string().regex(/^\d+$/, 'A HubSpot record id is a number.');
export const hubspotObject = z.enum(['contacts', 'companies', 'deals']);
