/** Mailbox providers: their domain says nothing about which company someone works for. */
const freeMail = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'yahoo.com', 'icloud.com', 'me.com',
  'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'mail.com', 'yandex.com', 'fastmail.com',
  'users.noreply.github.com',
]);

const emailPattern = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;
const domainPattern = /\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}\b/gi;
/** Words that look like domains but are file names or GitHub's own hosts. */
const notCompanies = /\.(?:md|js|ts|json|txt|png|jpg|yml|yaml|html|css|lock|sh|py|rb|go|rs)$|(^|\.)github(usercontent)?\.com$|(^|\.)githubassets\.com$/i;

/**
 * Who a text is about: the email addresses in it, then company domains (from those
 * addresses, and bare domains), without free-mail providers. Lower-case, each once, in
 * order of appearance, at most `max`.
 *
 * @example mentionsIn('Customer request from Example Corp (jane@example.com)') // ['jane@example.com', 'example.com']
 */
export function mentionsIn(text: string, max = 6): string[] {
  const emails = [...text.matchAll(emailPattern)].map((m) => m[0].toLowerCase().replace(/\.+$/, ''));
  const withoutEmails = text.replace(emailPattern, ' ');
  // A bare github.com in a page is a link; in an address it is where someone works.
  const bare = [...withoutEmails.matchAll(domainPattern)].map((m) => m[0].toLowerCase().replace(/^www\./, '')).filter((d) => !notCompanies.test(d));
  const companyDomains = [...emails.map((e) => e.split('@')[1]!), ...bare].filter((d) => !freeMail.has(d));
  return [...new Set([...emails, ...companyDomains])].slice(0, max);
}

export const isEmail = (value: string) => value.includes('@');

/** The company domain of an address, unless it is a free-mail provider. */
export function companyDomainOf(email: string | null | undefined): string | null {
  const domain = email?.split('@')[1]?.toLowerCase();
  return domain && !freeMail.has(domain) ? domain : null;
}
