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

/** Whether Weft can run this action: own keys only, since both ids come from the URL. */
export function hasActionHandler(providerId: string, actionId: string): boolean {
  return Object.hasOwn(providerActions, providerId) && Object.hasOwn(providerActions[providerId]!.handlers, actionId);
}

/** Whether Weft can tell, for this write action, if an earlier attempt that died mid-request acted (see FindDone). */
export function canFindDone(providerId: string, actionId: string): boolean {
  const findDone = Object.hasOwn(providerActions, providerId) ? providerActions[providerId]!.findDone : undefined;
  return findDone !== undefined && Object.hasOwn(findDone, actionId);
}
