import { z } from 'zod';
import { actionCatalog } from '@/lib/action-catalog';

type CatalogAction = { title: string; input: z.ZodType };

/** Every catalog action a step can run, as `<provider>.<action>` with its title. */
export const catalogActions: { id: string; provider: string; title: string }[] = Object.entries(actionCatalog).flatMap(([provider, actions]) =>
  Object.entries(actions as Record<string, CatalogAction>).map(([action, a]) => ({ id: `${provider}.${action}`, provider, title: a.title })),
);

const schemas = new Map<string, Record<string, unknown>>();

/**
 * The action's input as JSON Schema (the same conversion `GET /api/providers` serves),
 * or undefined for an action this extension does not know.
 *
 * @example actionInputSchema('slack.post_message') // { type: 'object', properties: { channel, text, link }, required: [...] }
 */
export function actionInputSchema(id: string): Record<string, unknown> | undefined {
  const [provider = '', action = ''] = id.split('.');
  const actions: Record<string, CatalogAction> | undefined = Object.hasOwn(actionCatalog, provider) ? (actionCatalog[provider as keyof typeof actionCatalog] as Record<string, CatalogAction>) : undefined;
  if (!actions || !Object.hasOwn(actions, action)) return undefined;
  if (!schemas.has(id)) schemas.set(id, z.toJSONSchema(actions[action]!.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>);
  return schemas.get(id);
}
