import type { CrmType } from './crm-schema';

export interface PipelineStage {
  id: string;
  label: string;
  displayOrder: number;
  probability: number;
  isClosed: boolean;
}

export interface Pipeline {
  id: string;
  label: string;
  displayOrder: number;
  /** Default pipelines were "created" at the epoch: HubSpot answers createdAt 0 for them. */
  createdAt: string;
  stages: PipelineStage[];
}

export interface HubspotOwner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  teams: { id: string; name: string; primary: boolean }[];
  createdAt: string;
}

const stage = (id: string, label: string, displayOrder: number, probability: number): PipelineStage => ({
  id, label, displayOrder, probability, isClosed: probability === 0 || probability === 1,
});

/** Every account's default deal pipeline, stage ids as HubSpot has them, plus a custom one with numeric ids. */
export const defaultPipelines = (): Pipeline[] => [
  {
    id: 'default',
    label: 'Sales Pipeline',
    displayOrder: 0,
    createdAt: '1970-01-01T00:00:00Z',
    stages: [
      stage('appointmentscheduled', 'Appointment Scheduled', 0, 0.2),
      stage('qualifiedtobuy', 'Qualified To Buy', 1, 0.4),
      stage('presentationscheduled', 'Presentation Scheduled', 2, 0.6),
      stage('decisionmakerboughtin', 'Decision Maker Bought-In', 3, 0.8),
      stage('contractsent', 'Contract Sent', 4, 0.9),
      stage('closedwon', 'Closed Won', 5, 1),
      stage('closedlost', 'Closed Lost', 6, 0),
    ],
  },
  {
    id: '1467652',
    label: 'Renewals',
    displayOrder: 1,
    createdAt: '2024-03-04T09:15:00Z',
    stages: [stage('1467653', 'Renewal due', 0, 0.5), stage('1467654', 'Renewed', 1, 1), stage('1467655', 'Churned', 2, 0)],
  },
];

/** The one owner: the HubSpot user who installs the app (fixtures.ts's defaultHubspotUser). */
export const defaultOwners = (): HubspotOwner[] => [
  {
    id: '75410006',
    email: 'alex@weft.test',
    firstName: 'Alex',
    lastName: 'Rivera',
    userId: 123456,
    teams: [{ id: '178588', name: 'West Coast Sales', primary: true }],
    createdAt: '2023-05-11T14:02:33.428Z',
  },
];

export interface SeedRecord {
  type: CrmType;
  id: string;
  properties: Record<string, string>;
  /** Other records this one is associated with, by type. */
  associations?: Partial<Record<CrmType, string[]>>;
}

/**
 * The demo CRM of portal 62515. Ids are fixed so tests and the e2e suite can name them;
 * records created through the API get ids from 50001 up.
 */
export const defaultCrmRecords = (): SeedRecord[] => [
  { type: 'companies', id: '20001', properties: { name: 'GitHub', domain: 'github.com', city: 'San Francisco', industry: 'COMPUTER_SOFTWARE', hubspot_owner_id: '75410006' } },
  { type: 'companies', id: '20002', properties: { name: 'Example Corp', domain: 'example.com', city: 'Boston' } },
  {
    type: 'contacts', id: '10001',
    properties: { email: 'octocat@github.com', firstname: 'Mona Lisa', lastname: 'Octocat', company: 'GitHub', jobtitle: 'Mascot', lifecyclestage: 'customer', hubspot_owner_id: '75410006' },
    associations: { companies: ['20001'] },
  },
  {
    type: 'contacts', id: '10002',
    properties: { email: 'jane@example.com', firstname: 'Jane', lastname: 'Doe', company: 'Example Corp', jobtitle: 'VP Engineering', lifecyclestage: 'opportunity' },
    associations: { companies: ['20002'] },
  },
  { type: 'contacts', id: '10003', properties: { email: 'hubot@github.com', firstname: 'Hubot', lastname: 'Robot', company: 'GitHub', lifecyclestage: 'lead' }, associations: { companies: ['20001'] } },
  {
    type: 'deals', id: '30001',
    properties: { dealname: 'GitHub Enterprise renewal', pipeline: 'default', dealstage: 'qualifiedtobuy', amount: '25000', closedate: '2026-09-30T00:00:00Z', hubspot_owner_id: '75410006' },
    associations: { companies: ['20001'], contacts: ['10001'] },
  },
  {
    type: 'deals', id: '30002',
    properties: { dealname: 'Example Corp pilot', pipeline: 'default', dealstage: 'appointmentscheduled', amount: '5000', closedate: '2026-07-15T00:00:00Z' },
    associations: { companies: ['20002'], contacts: ['10002'] },
  },
  {
    type: 'deals', id: '30003',
    properties: { dealname: 'GitHub Copilot seats', pipeline: '1467652', dealstage: '1467653', amount: '12000', closedate: '2026-12-01T00:00:00Z' },
    associations: { companies: ['20001'] },
  },
];
