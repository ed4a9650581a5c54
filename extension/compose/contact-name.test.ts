import { describe, expect, it } from 'vitest';
import { asPersonName, nameNear } from './contact-name';
import { contactDraft } from './prefill';

const empty = { firstname: '', lastname: '' };

/** Selections as people select them: signatures, mail headers, a sentence. */
const cases: { name: string; selection: string; expected: { email: string; firstname: string; lastname: string } }[] = [
  {
    name: 'the issue’s signature: name above a "title, company" line',
    selection: 'Best regards,\nJane Doe\nVP Engineering, Example Corp\njane.doe@example.com',
    expected: { email: 'jane.doe@example.com', firstname: 'Jane', lastname: 'Doe' },
  },
  {
    name: 'the same signature as Chrome’s context menu hands it over, on one line',
    selection: 'Best regards, Jane Doe VP Engineering, Example Corp jane.doe@example.com',
    expected: { email: 'jane.doe@example.com', firstname: 'Jane', lastname: 'Doe' },
  },
  {
    name: 'a long signature on one line',
    selection: 'Thanks, Marcus O’Brien Senior Software Engineer | Platform Team Acme Inc. m: +1 415 555 0100 marcus@acme.io',
    expected: { email: 'marcus@acme.io', firstname: 'Marcus', lastname: 'O’Brien' },
  },
  {
    name: 'on one line, a company after the sign-off is not a name (its name is the address’s domain)',
    selection: 'Kind regards, Globex Industries sales@globex.com',
    expected: { email: 'sales@globex.com', ...empty },
  },
  { name: 'on one line, a name run straight into a company name is not sure', selection: 'Best, Jane Doe Example Widgets jane@widgets.example', expected: { email: 'jane@widgets.example', ...empty } },
  { name: 'without a sign-off, a name that agrees with the mailbox', selection: 'Contact Jane Doe jdoe@example.com', expected: { email: 'jdoe@example.com', firstname: 'Jane', lastname: 'Doe' } },
  { name: 'without a sign-off, capitalised words that do not agree with the mailbox are not taken', selection: 'Ping Jane Doe at ops@acme.io', expected: { email: 'ops@acme.io', ...empty } },
  { name: 'Name <address>', selection: 'Jane Doe <jane@example.com>', expected: { email: 'jane@example.com', firstname: 'Jane', lastname: 'Doe' } },
  {
    name: 'a mail header, "Last, First" quoted',
    selection: 'From: "Raman, Priya" <priya@acme.io>\nSent: Tuesday, March 4, 2025 10:12 AM\nTo: Support <support@weft.test>',
    expected: { email: 'priya@acme.io', firstname: 'Priya', lastname: 'Raman' },
  },
  {
    name: 'Outlook header without quotes',
    selection: 'From: Priya Raman <priya@acme.io>\nSubject: Renewal',
    expected: { email: 'priya@acme.io', firstname: 'Priya', lastname: 'Raman' },
  },
  {
    name: 'a long signature: title | team, company, phone between the name and the address',
    selection: 'Thanks,\n\nMarcus O’Brien\nSenior Software Engineer | Platform Team\nAcme Inc.\nm: +1 415 555 0100\nmarcus@acme.io',
    expected: { email: 'marcus@acme.io', firstname: 'Marcus', lastname: 'O’Brien' },
  },
  {
    name: 'name particles and a hyphenated first name',
    selection: 'Met vriendelijke groet,\nJean-Luc van der Berg\nHead of Sales EMEA\njl@berg.example.nl',
    expected: { email: 'jl@berg.example.nl', firstname: 'Jean-Luc', lastname: 'van der Berg' },
  },
  { name: 'letters beyond ASCII', selection: 'Zoë Ångström\nCTO, Nordlys AB\nzoe@nordlys.example.se', expected: { email: 'zoe@nordlys.example.se', firstname: 'Zoë', lastname: 'Ångström' } },
  {
    name: 'name and address on one line',
    selection: 'Jane Doe | VP Sales | jane@example.com | +1 555 0100',
    expected: { email: 'jane@example.com', firstname: 'Jane', lastname: 'Doe' },
  },
  { name: 'a quoted name before a bare address', selection: 'Contact: "Ada King Lovelace" ada@analytical.engine.org', expected: { email: 'ada@analytical.engine.org', firstname: 'Ada', lastname: 'King Lovelace' } },
  { name: 'address (Name)', selection: 'Reply to ken.adams@example.com (Ken Adams) by Friday', expected: { email: 'ken.adams@example.com', firstname: 'Ken', lastname: 'Adams' } },
  { name: 'only a first.last mailbox in a sentence', selection: 'Please add jane.doe@example.com to the renewal thread.', expected: { email: 'jane.doe@example.com', firstname: 'Jane', lastname: 'Doe' } },
  { name: 'a sign-off straight above the address: nothing to read', selection: 'Best Regards\nsales@example.com', expected: { email: 'sales@example.com', ...empty } },
  { name: 'a team, not a person', selection: 'Kind regards,\nExample Corp Support Team\nhelp@example.com', expected: { email: 'help@example.com', ...empty } },
  { name: 'a first name alone is not enough', selection: 'Cheers,\nTom\ntom@example.com', expected: { email: 'tom@example.com', ...empty } },
  { name: 'a role mailbox is nobody’s name', selection: 'Write to support.team@example.com', expected: { email: 'support.team@example.com', ...empty } },
  {
    name: 'prose above the address is not a signature',
    selection: 'Customer Success Summit\nWe spoke at length about the renewal and next quarter’s plans\nowner@example.com',
    expected: { email: 'owner@example.com', ...empty },
  },
  { name: 'no address', selection: 'no address here', expected: { email: '', ...empty } },
];

describe('contactDraft: the name next to a selected address', () => {
  it.each(cases)('$name', ({ selection, expected }) => {
    expect(contactDraft(selection)).toEqual(expected);
  });
});

describe('asPersonName', () => {
  it.each([
    ['Jane Doe', { firstname: 'Jane', lastname: 'Doe' }],
    ['Mary Anne Smith-Jones', { firstname: 'Mary', lastname: 'Anne Smith-Jones' }],
    ['Jane Q. Public', { firstname: 'Jane', lastname: 'Q. Public' }],
  ])('%s is a name', (text, expected) => expect(asPersonName(text)).toEqual(expected));

  it.each(['VP Engineering', 'Example Corp', 'Best Regards', 'Kind regards', 'Jane', 'Jane Doe 2', 'Doe, Jane', 'Director of Product', 'Acme Labs LLC', 'One Two Three Four Five', 'jane doe'])(
    '%s is not',
    (text) => expect(asPersonName(text)).toBeNull(),
  );

  it('nameNear with no address reads nothing', () => expect(nameNear('Jane Doe', '')).toEqual(empty));
});
