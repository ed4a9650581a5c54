import type { ProviderAdapter } from './adapter';
import { genericAdapter } from './generic';
import { githubAdapter } from './github';
import { hubspotAdapter } from './hubspot';
import { slackAdapter } from './slack';

/** Providers with their own folder; every other catalog entry uses the generic adapter. */
const adapters: Record<string, ProviderAdapter> = {
  github: githubAdapter,
  hubspot: hubspotAdapter,
  slack: slackAdapter,
};

export function adapterFor(providerId: string): ProviderAdapter {
  return adapters[providerId] ?? genericAdapter;
}
