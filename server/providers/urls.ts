import type { ProviderSettings } from '../config';
import type { Provider } from '../../shared/providers/schema';

/**
 * Maps a catalog URL to where this server should call it. `WEFT_<ID>_API_URL` replaces
 * the origin of URLs on the provider's API host, `WEFT_<ID>_AUTH_URL` the origin of URLs
 * on its web/login host; the path stays exactly the provider's. With neither set, the
 * real service is called. (Where one host serves both, as slack.com does, the API
 * override wins when set.)
 */
export function createUrlResolver(provider: Provider, settings: ProviderSettings) {
  // `{placeholders}` (Zendesk's `{subdomain}`, GitHub's `{client_id}`) survive URL parsing as `__name__`.
  const parse = (u: string) => new URL(u.replace(/\{(\w+)\}/g, '__$1__'));
  const api = parse(provider.hosts.api).origin;
  const web = parse(provider.hosts.web).origin;
  return (catalogUrl: string): string => {
    const url = parse(catalogUrl);
    const swap = (origin: string) => {
      const target = new URL(origin);
      url.protocol = target.protocol;
      url.host = target.host;
    };
    if (url.origin === api && settings.apiOrigin) swap(settings.apiOrigin);
    else if (url.origin === web && settings.authOrigin) swap(settings.authOrigin);
    else if (url.origin === api && settings.authOrigin && api === web) swap(settings.authOrigin);
    return url.toString().replace(/__(\w+)__/g, '{$1}');
  };
}

export type UrlResolver = ReturnType<typeof createUrlResolver>;
