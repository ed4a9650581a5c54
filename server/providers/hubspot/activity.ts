import type { ActionDescriber } from '../../actions/activity-line';

const singular = { contacts: 'contact', companies: 'company', deals: 'deal' } as const;
const quoted = (s: string) => `“${s.length > 60 ? `${s.slice(0, 59)}…` : s}”`;
const personOf = (p: Record<string, string | undefined>) => [p.firstname, p.lastname].filter(Boolean).join(' ') || p.email || 'a contact';

/** HubSpot write actions as activity lines. Records have no link: their URL needs the portal id. */
export const hubspotActivity: Record<string, ActionDescriber> = {
  create_contact: (i) => ({ text: `You added ${[i.firstname, i.lastname].filter(Boolean).join(' ') || i.email} to HubSpot contacts`, url: null }),
  update_contact: (_i, r) => ({ text: `You updated the HubSpot contact ${personOf(r.properties ?? {})}`, url: null }),
  create_company: (i) => ({ text: `You created the company ${i.name} in HubSpot`, url: null }),
  update_deal_stage: (i, r) => ({ text: `You moved the deal ${quoted(r.properties?.dealname ?? i.id)} to ${i.stage}`, url: null }),
  create_note: (i) => ({ text: `You logged a note on a HubSpot ${singular[i.object as keyof typeof singular]}`, url: null }),
  create_task: (i) => ({ text: `You created the task ${quoted(i.subject)} in HubSpot`, url: null }),
  log_activity: (i) => ({ text: `You logged ${i.kind === 'other' ? 'an activity' : `a ${i.kind.replace('_', ' ').replace('github', 'GitHub').replace('slack', 'Slack')}`} on a HubSpot ${singular[i.object as keyof typeof singular]}`, url: null }),
};
