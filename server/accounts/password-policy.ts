import { COMMON_PASSWORDS } from './common-passwords';

/**
 * Passwords refused at sign-up even though they are long enough: the first ones any
 * attacker tries. The length rule lives in the shared credentials schema (the popup
 * checks it too); this check stays on the server so the popup does not carry the list.
 * Case is ignored ("Password1" is as guessable as "password1").
 *
 * @example passwordProblem('qwertyui') // 'This password is one of the most common…'
 * @example passwordProblem('violet staple orbit') // undefined
 */
export function passwordProblem(password: string): string | undefined {
  const normalized = password.normalize('NFKC');
  if (normalized.trim() === '') return 'A password of only spaces is easy to guess. Choose another.';
  const chars = [...normalized];
  if (chars.every((ch) => ch === chars[0])) {
    return 'A password of one repeated character is easy to guess. Choose another.';
  }
  if (COMMON_PASSWORDS.has(normalized.toLowerCase())) {
    return 'This password is one of the most common, so it is among the first an attacker tries. Choose another.';
  }
  return undefined;
}
