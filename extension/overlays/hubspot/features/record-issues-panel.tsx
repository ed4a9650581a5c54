import { defineFeature } from '../../core/feature';
import { mountPanel } from '../../core/mount';
import { whenFound } from '../../core/when-found';
import { isRecord, parseRecord } from '../page';
import { RecordPanel } from '../RecordPanel';
import { findHubspot, hubspotTheme } from '../selectors';

/** How long HubSpot may take to fill in the record's sidebars (about a second after load or after switching records). */
const renderBoundMs = 10_000;

/**
 * On a contact, company or deal record: the GitHub issues about this customer, with
 * actions. What it shows comes from the record id in the URL and the API, never from the
 * page; only its place does. HubSpot renders the sidebar after load, so the panel waits
 * for it (bounded) and goes in once, rather than flashing the launcher first; the
 * launcher only when the sidebar never came. Runs again when the app moves to another
 * record (the runner watches the URL).
 */
export default defineFeature({
  id: 'record-issues-panel',
  include: [isRecord],
  async init(run) {
    const record = parseRecord(location)!;
    const anchor = await whenFound(() => findHubspot('recordSidebar', true), { signal: run.signal, timeoutMs: renderBoundMs });
    mountPanel(run, { anchor: anchor ?? findHubspot('recordSidebar'), theme: hubspotTheme, content: () => <RecordPanel record={record} /> });
  },
});

// ## Test URLs
// https://app.hubspot.com/contacts/62515/record/0-1/10002
// https://app.hubspot.com/contacts/62515/record/0-2/20001
// https://app.hubspot.com/contacts/62515/record/0-3/30001
// https://app.hubspot.com/contacts/62515/contact/10001 (legacy link)
