/**
 * Whose address is it? Reading a name out of a selected signature or header. A wrong
 * guess is worse than none (the user would save "Engineering Example Corp" to the CRM
 * without noticing), so every rule below must be sure, and otherwise the fields stay empty.
 */

export type PersonName = { firstname: string; lastname: string };

const none: PersonName = { firstname: '', lastname: '' };

/** Sign-offs, which read like two capitalised words ("Best Regards"). */
const signOffPhrase = String.raw`(?:(?:best|kind|warm|warmest|many|with)\s+)?(?:regards|wishes|thanks|thank\s+you|cheers|best|sincerely|yours(?:\s+truly)?|all\s+the\s+best|greetings|take\s+care)\b`;
const signOff = new RegExp(`^${signOffPhrase}`, 'i');
const signOffs = (text: string) => [...text.matchAll(new RegExp(`\\b${signOffPhrase}[,.!]?`, 'gi'))];

/** Words that make a line a job title, a team or a company rather than a person. */
const notPersonWords = new Set(
  (
    'vp svp evp avp ceo cto cfo coo cmo cio cpo ciso president founder co-founder cofounder chief officer head director manager ' +
    'engineer engineering lead senior sr principal staff developer designer architect analyst consultant specialist ' +
    'associate assistant coordinator representative executive partner intern account accounts customer success sales ' +
    'support marketing product operations department team group office inc corp corporation ltd llc gmbh plc co company ' +
    'solutions technologies labs university the and of for'
  ).split(' '),
);

/** Lower-case name particles allowed after the first word: "Jean-Luc van der Berg". */
const particles = new Set(['van', 'von', 'der', 'den', 'de', 'da', 'di', 'del', 'la', 'le', 'du', 'bin', 'al', 'dos']);

/** Mailbox names that are roles, not people: `support.team@` is nobody's name. */
const roleMailboxes = new Set(['no', 'noreply', 'reply', 'info', 'admin', 'support', 'sales', 'billing', 'hello', 'contact', 'team', 'office', 'help', 'service', 'jobs', 'press', 'news', 'notifications', 'mail']);

const capitalised = /^\p{Lu}[\p{L}'’.-]*$/u;

/**
 * A person's name: 2–4 words, the first capitalised and the others capitalised or name
 * particles; no comma, digit or @; not a sign-off; no title, team or company word.
 *
 * @example asPersonName('Jane Doe') // {firstname: 'Jane', lastname: 'Doe'}
 * @example asPersonName('VP Engineering') // null
 */
export function asPersonName(text: string): PersonName | null {
  const line = text.trim();
  if (!line || /[,@\d:;|/()<>"]/.test(line) || signOff.test(line)) return null;
  const words = line.split(/\s+/);
  if (words.length < 2 || words.length > 4) return null;
  if (!words.every((w, i) => capitalised.test(w) || (i > 0 && particles.has(w)))) return null;
  if (words.some((w) => notPersonWords.has(w.toLowerCase().replace(/\.$/, '')))) return null;
  const [first, ...rest] = words;
  return { firstname: first!, lastname: rest.join(' ') };
}

/** `Doe, Jane` as mail headers write it, turned around; else the text as it is. */
function unflip(text: string): string {
  const m = /^\s*([^,]+),\s*([^,]+)$/.exec(text);
  return m ? `${m[2]} ${m[1]}` : text;
}

/** `Jane Doe <jane@…>`, `"Doe, Jane" <jane@…>`, `"Jane Doe" jane@…`, `jane@… (Jane Doe)`. */
function fromAddressForm(line: string, at: number, email: string): PersonName | null {
  const before = line.slice(0, at);
  const after = line.slice(at + email.length);
  const quoted = /"([^"]+)"\s*<?\s*$/.exec(before);
  if (quoted) return asPersonName(unflip(quoted[1]!));
  const bracketed = /([^<>"|]*?)\s*<\s*$/.exec(before);
  if (bracketed && /^\s*>/.test(after)) return asPersonName(unflip(withoutLabel(bracketed[1]!)));
  const parenthesised = /^\s*>?\s*\(([^()]+)\)/.exec(after);
  if (parenthesised) return asPersonName(parenthesised[1]!);
  return null;
}

/** "From: Jane Doe" → "Jane Doe": header and field labels are not part of a name. */
const withoutLabel = (text: string) => text.replace(/^\s*(?:from|to|cc|reply-to|contact|email|e-mail|e|mail)\s*:\s*/i, '');

/**
 * The words of `text` as runs of name-like words (capitalised, or particles inside a
 * name); anything else, and a word ending in a comma, ends a run.
 */
function nameRuns(text: string): string[][] {
  const runs: string[][] = [[]];
  for (const raw of text.split(/\s+/).filter(Boolean)) {
    const word = raw.replace(/[,;]$/, '');
    const current = runs.at(-1)!;
    const nameLike = (capitalised.test(word) || (current.length > 0 && particles.has(word))) && !notPersonWords.has(word.toLowerCase().replace(/\.$/, '')) && !signOff.test(word);
    if (nameLike) current.push(word);
    else if (current.length) runs.push([]);
    if (nameLike && word !== raw && current.length) runs.push([]);
  }
  return runs.filter((r) => r.length > 0);
}

/** Does the run name the mailbox's owner? `jane.doe`, `jane`, `jdoe`, `doe.j` all say Jane Doe. */
function agreeingWindow(run: string[], local: string): string[] | null {
  const lower = run.map((w) => w.toLowerCase());
  const first = lower.findIndex((w) => w.length > 1 && local.includes(w));
  if (first < 0) return null;
  // The first agreeing word starts the name, unless it is the run's last word (a surname): then the word before it does.
  return first === run.length - 1 ? run.slice(Math.max(0, first - 1)) : run.slice(first);
}

/**
 * The text before the address on its line, which is the whole signature when the browser
 * hands the selection over on one line (Chrome's context menu collapses its line breaks): "Best regards, Jane
 * Doe VP Engineering, Example Corp jane.doe@…". After a sign-off, the name is the run of
 * name-like words that follows it; without one, only a run that agrees with the mailbox
 * ("Contact Jane Doe jane@…") is taken.
 */
function fromSameLine(line: string, at: number, email: string): PersonName | null {
  const before = line.slice(0, at);
  const [local = '', domain = ''] = email.toLowerCase().split('@');
  const company = domain.split('.').at(-2) ?? '';
  const notCompany = (name: PersonName | null) => (name && !`${name.firstname} ${name.lastname}`.toLowerCase().split(/\s+/).includes(company) ? name : null);
  const last = signOffs(before).at(-1);
  if (last) {
    // Four words after a sign-off on one line are as likely "Jane Doe Example Widgets": not sure enough.
    const run = nameRuns(before.slice(last.index! + last[0].length))[0] ?? [];
    return run.length <= 3 ? notCompany(asPersonName(run.join(' '))) : null;
  }
  for (const run of nameRuns(before).reverse()) {
    const window = agreeingWindow(run, local.replace(/[^a-z]/g, ''));
    if (window) return notCompany(asPersonName(window.join(' ')));
  }
  return null;
}

/** How far above the address a signature's name may sit: title, company, phone, web lines between. */
const signatureLines = 5;

/** A line this long is prose: the signature block has ended. */
const proseWords = 9;

/** Walks up from the address through the signature block; a sign-off, a blank line or prose ends it. */
function fromLinesAbove(lines: string[], index: number): PersonName | null {
  for (let i = index - 1; i >= 0 && i >= index - signatureLines; i--) {
    const line = lines[i]!.trim();
    if (!line || signOff.test(line) || line.split(/\s+/).length >= proseWords) return null;
    const name = asPersonName(line);
    if (name) return name;
  }
  return null;
}

/** `jane.doe@…` → Jane Doe; any other mailbox says nothing sure about the name. */
function fromLocalPart(email: string): PersonName | null {
  const m = /^([a-z][a-z'-]+)\.([a-z][a-z'-]+)@/i.exec(email);
  if (!m || roleMailboxes.has(m[1]!.toLowerCase()) || roleMailboxes.has(m[2]!.toLowerCase())) return null;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
  return asPersonName(`${cap(m[1]!)} ${cap(m[2]!)}`);
}

/**
 * The name of the person whose address `email` is, read from the text around it: a
 * "Name <address>" form first, then a name before it on its line, then the line above the
 * signature's title and contact lines that looks like a person's name, then a
 * `first.last` mailbox. Empty when none of these is sure.
 *
 * @example nameNear('Best regards,\nJane Doe\nVP Engineering, Example Corp\njane.doe@example.com', 'jane.doe@example.com')
 * // {firstname: 'Jane', lastname: 'Doe'}
 */
export function nameNear(text: string, email: string): PersonName {
  if (!email) return none;
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((l) => l.toLowerCase().includes(email.toLowerCase()));
  if (index < 0) return fromLocalPart(email) ?? none;
  const line = lines[index]!;
  const at = line.toLowerCase().indexOf(email.toLowerCase());
  return fromAddressForm(line, at, email) ?? fromSameLine(line, at, email) ?? fromLinesAbove(lines, index) ?? fromLocalPart(email) ?? none;
}
