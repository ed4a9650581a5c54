import airtable from './airtable';
import amplitude from './amplitude';
import asana from './asana';
import discord from './discord';
import dropbox from './dropbox';
import freshdesk from './freshdesk';
import github from './github';
import gitlab from './gitlab';
import gmail from './gmail';
import googleAnalytics from './google-analytics';
import googleCalendar from './google-calendar';
import googleDrive from './google-drive';
import googleSheets from './google-sheets';
import hubspot from './hubspot';
import intercom from './intercom';
import jira from './jira';
import linear from './linear';
import microsoftTeams from './microsoft-teams';
import mixpanel from './mixpanel';
import outlook from './outlook';
import pagerduty from './pagerduty';
import paypal from './paypal';
import pipedrive from './pipedrive';
import salesforce from './salesforce';
import segment from './segment';
import sendgrid from './sendgrid';
import slack from './slack';
import stripe from './stripe';
import telegram from './telegram';
import trello from './trello';
import wordpress from './wordpress';
import zendesk from './zendesk';
import { providerSchema, type Provider, type ProviderInput } from './schema';

export * from './schema';

/** Every provider file, in the order the catalog lists them (alphabetical by name). */
const entries: ProviderInput[] = [
  airtable, amplitude, asana, discord, dropbox, freshdesk, github, gitlab, gmail, googleAnalytics,
  googleCalendar, googleDrive, googleSheets, hubspot, intercom, jira, linear, microsoftTeams,
  mixpanel, outlook, pagerduty, paypal, pipedrive, salesforce, segment, sendgrid, slack, stripe,
  telegram, trello, wordpress, zendesk,
];

/** The parsed catalog. Parsing here means a malformed entry fails at import, loudly. */
export const catalog: readonly Provider[] = entries
  .map((e) => providerSchema.parse(e))
  .sort((a, b) => a.name.localeCompare(b.name));

const byId = new Map(catalog.map((p) => [p.id, p]));

export function findProvider(id: string): Provider | undefined {
  return byId.get(id);
}
