import { defineProvider } from './schema';

// https://www.twilio.com/docs/segment/api/public-api
// The Public API is on Team and Business plans; EU workspaces use https://eu1.api.segmentapis.com
// via WEFT_SEGMENT_API_URL.
export default defineProvider({
  id: 'segment',
  name: 'Segment',
  category: 'analytics',
  description: 'See your Segment sources and destinations beside the releases that change them.',
  authMode: 'api_key',
  docsUrl: 'https://www.twilio.com/docs/segment/api/public-api',
  hosts: { web: 'https://app.segment.com', api: 'https://api.segmentapis.com' },
  scopes: [],
  apiKey: {
    label: 'Public API token',
    help: 'In Segment: Settings → Workspace settings → Access Management → Tokens → Create Token; choose a Public API token with Workspace Member access, then copy it.',
    helpUrl: 'https://www.twilio.com/docs/segment/api/public-api',
    placeholder: 'sgp_…',
    placement: 'bearer',
  },
  // "Get Workspace": the workspace the token belongs to.
  identity: {
    url: 'https://api.segmentapis.com/',
    method: 'GET',
    accountIdPath: 'data.workspace.id',
    accountLabelPath: 'data.workspace.name',
  },
});
