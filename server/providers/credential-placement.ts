import type { CredentialPlacement } from '../../shared/providers/schema';

/** Puts a credential where the provider expects it (header, query, path, Basic). */
export function applyCredential(url: URL, headers: Headers, value: string, placement: CredentialPlacement): URL {
  if (placement === 'bearer') headers.set('authorization', `Bearer ${value}`);
  else if (placement === 'basic-user') headers.set('authorization', `Basic ${Buffer.from(`${value}:`).toString('base64')}`);
  else if (placement === 'path') return new URL(url.toString().replace(encodeURIComponent('{token}'), value).replace('{token}', value));
  else if (placement.startsWith('authorization:')) headers.set('authorization', `${placement.slice('authorization:'.length)} ${value}`);
  else if (placement.startsWith('header:')) headers.set(placement.slice('header:'.length), value);
  else if (placement.startsWith('query:')) url.searchParams.set(placement.slice('query:'.length), value);
  return url;
}
