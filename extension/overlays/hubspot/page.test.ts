import { describe, expect, it } from 'vitest';
import { isCompanyRecord, isContactRecord, isDealRecord, isRecord, parseRecord } from './page';

const examples = {
  isContactRecord: [
    'https://app.hubspot.com/contacts/62515/record/0-1/10002',
    'https://app.hubspot.com/contacts/62515/record/0-1/10002/',
    'https://app.hubspot.com/contacts/62515/record/0-1/51/view/1?interaction=note',
    'https://app.hubspot.com/contacts/62515/contact/10001',
    'https://app.hubspot.com/contacts/62515/contact/10001/?engagement=123',
  ],
  isCompanyRecord: [
    'https://app.hubspot.com/contacts/62515/record/0-2/20001',
    'https://app.hubspot.com/contacts/62515/company/20002',
  ],
  isDealRecord: [
    'https://app.hubspot.com/contacts/62515/record/0-3/30001',
    'https://app.hubspot.com/contacts/62515/deal/30002',
  ],
  none: [
    'https://app.hubspot.com/contacts/62515/objects/0-1/views/all/list',
    'https://app.hubspot.com/contacts/62515/contacts/list/view/all/',
    'https://app.hubspot.com/contacts/62515/record/0-5/40001',
    'https://app.hubspot.com/contacts/62515/record/2-123456/1',
    'https://app.hubspot.com/contacts/62515/record/0-1/',
    'https://app.hubspot.com/contacts/62515/contact/new',
    'https://app.hubspot.com/reports-dashboard/62515/view/1',
    'https://app.hubspot.com/sales/62515/deals/board/view/all/',
    'https://app.hubspot.com/',
    'https://www.hubspot.com/contacts/62515/record/0-1/10002',
    'https://github.com/octocat/hello-world/issues/2',
  ],
};

const predicates = { isContactRecord, isCompanyRecord, isDealRecord };

describe('HubSpot page predicates', () => {
  for (const [name, predicate] of Object.entries(predicates)) {
    describe(name, () => {
      for (const [owner, urls] of Object.entries(examples)) {
        const want = owner === name;
        it.each(urls)(`${want ? 'accepts' : 'refuses'} %s`, (url) => expect(predicate(url)).toBe(want));
      }
    });
  }

  it('a record page is any of the three', () => {
    for (const url of examples.none) expect(isRecord(url)).toBe(false);
  });

  it('parses the portal, the object and the id, new and legacy', () => {
    expect(parseRecord('https://app.hubspot.com/contacts/62515/record/0-1/10002')).toEqual({ portalId: '62515', object: 'contacts', id: '10002' });
    expect(parseRecord('https://app.hubspot.com/contacts/62515/company/20002')).toEqual({ portalId: '62515', object: 'companies', id: '20002' });
    expect(parseRecord('https://app.hubspot.com/contacts/62515/record/0-3/30001/view/2')).toEqual({ portalId: '62515', object: 'deals', id: '30001' });
  });
});
