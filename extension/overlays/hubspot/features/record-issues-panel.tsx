import { defineFeature } from '../../core/feature';
import { mountPanel } from '../../core/mount';
import { isRecord, parseRecord } from '../page';
import { RecordPanel } from '../RecordPanel';
import { findHubspot, hubspotTheme } from '../selectors';

/** On a contact, company or deal record: the GitHub issues about this customer, with actions. */
export default defineFeature({
  id: 'record-issues-panel',
  include: [isRecord],
  init(run) {
    const record = parseRecord(location)!;
    mountPanel(run, { anchor: findHubspot('recordSidebar'), theme: hubspotTheme, content: () => <RecordPanel record={record} /> });
  },
});

// ## Test URLs
// https://app.hubspot.com/contacts/62515/record/0-1/10002
// https://app.hubspot.com/contacts/62515/record/0-2/20001
// https://app.hubspot.com/contacts/62515/record/0-3/30001
// https://app.hubspot.com/contacts/62515/contact/10001 (legacy link)
