import type { ActionDefinition } from '../../shared/providers/actions/define';
import type { Provider } from '../../shared/providers';
import { HttpError } from '../lib/http-error';

/**
 * The provider answered an action, but not in the shape its catalog `output` promises
 * (its API changed, or a proxy answers something else): the user gets this error instead
 * of fields that are missing or mean something else. The executor logs which field.
 *
 * A 502: the provider's answer is at fault, not the request. After a write the provider
 * has probably acted, so the sentence sends the user to look before trying again, and the
 * route keeps this answer for the idempotency key: the same submission never acts twice.
 *
 * @example unexpectedAnswer(github, githubActions.get_issue).message
 * // 'GitHub answered “Get issue” in a way Weft does not understand, so nothing of it is shown. …'
 */
export function unexpectedAnswer(provider: Provider, definition: ActionDefinition): HttpError {
  const what = `${provider.name} answered “${definition.title}” in a way Weft does not understand`;
  return new HttpError(
    502,
    'provider_bad_answer',
    definition.kind === 'write'
      ? `${what}. It has probably been done: check ${provider.name} before trying again.`
      : `${what}, so nothing of it is shown. Try again later; if it keeps happening, ${provider.name}’s API may have changed.`,
  );
}
