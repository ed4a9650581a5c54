import { githubProviderActions } from '../providers/github/actions';
import { hubspotProviderActions } from '../providers/hubspot/actions';
import { slackProviderActions } from '../providers/slack/actions';
import type { ProviderActions } from './action-handler';

/** Providers whose catalog actions Weft can run. */
export const providerActions: Record<string, ProviderActions> = {
  github: githubProviderActions,
  hubspot: hubspotProviderActions,
  slack: slackProviderActions,
};
