import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, it, expect } from 'vitest';
import { providerCategories, providerSchema, type ProviderInput } from './schema';

/** Every service the catalog must offer, by id. */
const expectedIds = [
  'airtable', 'amplitude', 'asana', 'discord', 'dropbox', 'freshdesk', 'github', 'gitlab', 'gmail',
  'google-analytics', 'google-calendar', 'google-drive', 'google-sheets', 'hubspot', 'intercom', 'jira',
  'linear', 'microsoft-teams', 'mixpanel', 'outlook', 'pagerduty', 'paypal', 'pipedrive', 'salesforce',
  'segment', 'sendgrid', 'slack', 'stripe', 'telegram', 'trello', 'wordpress', 'zendesk',
];

const dir = dirname(fileURLToPath(import.meta.url));
const providerFiles = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'schema.ts' && f !== 'index.ts')
  .sort();

type RawEntry = { file: string; entry: ProviderInput };

/**
 * The provider files, imported one by one rather than through `index.ts`: the index parses at
 * import and would throw on the first bad entry, hiding which one it was and any others.
 */
let rawEntries: Promise<RawEntry[]> | undefined;
function loadRawEntries(): Promise<RawEntry[]> {
  rawEntries ??= Promise.all(
    providerFiles.map(async (file) => {
      const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: ProviderInput };
      return { file, entry: mod.default };
    }),
  );
  return rawEntries;
}

// ---- The checks. Each returns what is wrong, so the negative test can show that it fails. ----

function schemaFailures(entries: readonly unknown[]): string[] {
  return entries.flatMap((entry, i) => {
    const result = providerSchema.safeParse(entry);
    if (result.success) return [];
    const id = (entry as { id?: unknown }).id ?? `entry #${i}`;
    return result.error.issues.map((issue) => `${String(id)}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  });
}

function duplicateIds(entries: readonly ProviderInput[]): string[] {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const { id } of entries) (seen.has(id) ? dupes : seen).add(id);
  return [...dupes];
}

/** Every string anywhere in the entry that looks like a URL, with its path. */
function urlStrings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return value.includes('://') ? [[path, value]] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => urlStrings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => urlStrings(v, path ? `${path}.${k}` : k));
  }
  return [];
}

/** `{subdomain}`, `{token}`, `{client_id}` are filled in by the server; the rest must be a real URL. */
function isHttpsUrl(u: string): boolean {
  return u.startsWith('https://') && URL.canParse(u.replace(/\{[a-z_]+\}/g, 'x'));
}

function nonHttpsUrls(entries: readonly ProviderInput[]): string[] {
  return entries.flatMap((p) =>
    urlStrings(p)
      .filter(([, u]) => !isHttpsUrl(u))
      .map(([path, u]) => `${p.id}: ${path}: ${u}`),
  );
}

function unknownCategories(entries: readonly ProviderInput[]): string[] {
  const known: readonly string[] = providerCategories;
  return entries.filter((p) => !known.includes(p.category)).map((p) => `${p.id}: ${p.category}`);
}

function oauthGaps(entries: readonly ProviderInput[]): string[] {
  return entries
    .filter((p) => p.authMode === 'oauth2')
    .flatMap((p) => {
      const gaps: string[] = [];
      if (!p.oauth?.authorizationUrl) gaps.push(`${p.id}: no authorizationUrl`);
      if (!p.oauth?.tokenUrl) gaps.push(`${p.id}: no tokenUrl`);
      if (p.scopes.length === 0) gaps.push(`${p.id}: no scopes`);
      return gaps;
    });
}

function keyHelpGaps(entries: readonly ProviderInput[]): string[] {
  return entries
    .filter((p) => p.authMode !== 'oauth2')
    .flatMap((p) => {
      const gaps: string[] = [];
      if (!p.apiKey || p.apiKey.help.trim().length < 20) gaps.push(`${p.id}: no help text`);
      if (!p.apiKey?.helpUrl || !isHttpsUrl(p.apiKey.helpUrl)) gaps.push(`${p.id}: no https helpUrl`);
      return gaps;
    });
}

const origin = (u: string) => new URL(u.replace('{token}', 'x')).origin;

/** The authorize page is served by `hosts.web` and the identity call by `hosts.api`, so the env overrides reach them. */
function hostMismatches(entries: readonly ProviderInput[]): string[] {
  return entries.flatMap((p) => {
    const out: string[] = [];
    if (p.oauth && origin(p.oauth.authorizationUrl) !== origin(p.hosts.web)) {
      out.push(`${p.id}: authorizationUrl is not on hosts.web`);
    }
    if (p.identity && origin(p.identity.url) !== origin(p.hosts.api)) {
      out.push(`${p.id}: identity.url is not on hosts.api`);
    }
    return out;
  });
}

function scopeProblems(entries: readonly ProviderInput[]): string[] {
  return entries.flatMap((p) => {
    const names = p.scopes.map((s) => s.name);
    return names.filter((n, i) => names.indexOf(n) !== i).map((n) => `${p.id}: scope ${n} listed twice`);
  });
}

function placementProblems(entries: readonly ProviderInput[]): string[] {
  return entries.flatMap((p) => {
    if (p.apiKey?.placement !== 'path') return [];
    return p.identity && !p.identity.url.includes('{token}') ? [`${p.id}: path placement without {token} in identity.url`] : [];
  });
}

// ---- The real catalog. ----

describe('provider catalog', () => {
  it('every provider file passes providerSchema', async () => {
    const raw = await loadRawEntries();
    expect(schemaFailures(raw.map((r) => r.entry))).toEqual([]);
  });

  it('names each file after its id', async () => {
    const raw = await loadRawEntries();
    expect(raw.filter((r) => r.file !== `${r.entry.id}.ts`).map((r) => r.file)).toEqual([]);
  });

  it('has unique ids', async () => {
    const raw = await loadRawEntries();
    expect(duplicateIds(raw.map((r) => r.entry))).toEqual([]);
  });

  it('uses https for every URL', async () => {
    const raw = await loadRawEntries();
    expect(nonHttpsUrls(raw.map((r) => r.entry))).toEqual([]);
  });

  it('uses only known categories', async () => {
    const raw = await loadRawEntries();
    expect(unknownCategories(raw.map((r) => r.entry))).toEqual([]);
  });

  it('gives every oauth2 provider its authorize and token URLs and at least one scope', async () => {
    const raw = await loadRawEntries();
    expect(oauthGaps(raw.map((r) => r.entry))).toEqual([]);
  });

  it('gives every key-based provider help text and a help URL', async () => {
    const raw = await loadRawEntries();
    expect(keyHelpGaps(raw.map((r) => r.entry))).toEqual([]);
  });

  it('keeps authorize pages on the web host and identity calls on the API host', async () => {
    const raw = await loadRawEntries();
    expect(hostMismatches(raw.map((r) => r.entry))).toEqual([]);
  });

  it('lists each scope once and puts {token} in the URL for path placement', async () => {
    const entries = (await loadRawEntries()).map((r) => r.entry);
    expect([...scopeProblems(entries), ...placementProblems(entries)]).toEqual([]);
  });

  it('has a file for exactly the expected services', () => {
    expect(providerFiles.map((f) => f.replace(/\.ts$/, ''))).toEqual([...expectedIds].sort());
  });

  it('registers every provider in the index', async () => {
    const { catalog, findProvider } = await import('./index');
    expect(catalog.map((p) => p.id).sort()).toEqual([...expectedIds].sort());
    for (const id of expectedIds) expect(findProvider(id)?.id).toBe(id);
    expect(findProvider('nope')).toBeUndefined();
  });

  it('sorts the catalog by name', async () => {
    const { catalog } = await import('./index');
    const names = catalog.map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });
});

// ---- The checks can fail. ----

describe('catalog checks reject a broken entry', () => {
  const valid: ProviderInput = {
    id: 'example',
    name: 'Example',
    category: 'crm',
    description: 'An example provider used to test the checks.',
    authMode: 'oauth2',
    docsUrl: 'https://example.com/docs',
    hosts: { web: 'https://example.com', api: 'https://api.example.com' },
    scopes: [{ name: 'read', description: 'Read everything the example has.' }],
    oauth: {
      authorizationUrl: 'https://example.com/oauth/authorize',
      tokenUrl: 'https://api.example.com/oauth/token',
      pkce: true,
    },
    identity: { url: 'https://api.example.com/me', accountIdPath: 'id', accountLabelPath: 'name' },
  };

  it('accepts the valid baseline', () => {
    expect(schemaFailures([valid])).toEqual([]);
    expect(nonHttpsUrls([valid])).toEqual([]);
    expect(oauthGaps([valid])).toEqual([]);
    expect(hostMismatches([valid])).toEqual([]);
  });

  it('rejects an http URL', () => {
    const broken: ProviderInput = { ...valid, docsUrl: 'http://example.com/docs' };
    expect(schemaFailures([broken])).toEqual([expect.stringMatching(/^example: docsUrl: /)]);
    expect(nonHttpsUrls([broken])).toEqual(['example: docsUrl: http://example.com/docs']);
    const insecureToken: ProviderInput = { ...valid, oauth: { ...valid.oauth!, tokenUrl: 'http://example.com/t' } };
    expect(nonHttpsUrls([insecureToken])).toEqual(['example: oauth.tokenUrl: http://example.com/t']);
  });

  it('rejects an oauth2 provider without its oauth block', () => {
    const { oauth: _dropped, ...noOauth } = valid;
    expect(schemaFailures([noOauth])).toEqual(['example: oauth: an oauth2 provider needs its oauth URLs']);
    expect(oauthGaps([noOauth])).toEqual(['example: no authorizationUrl', 'example: no tokenUrl']);
    expect(oauthGaps([{ ...valid, scopes: [] }])).toEqual(['example: no scopes']);
  });

  it('rejects a key-based provider without key help', () => {
    const noHelp: ProviderInput = { ...valid, authMode: 'api_key', oauth: undefined };
    expect(schemaFailures([noHelp])).toEqual(['example: apiKey: a key-based provider needs apiKey help']);
    expect(keyHelpGaps([noHelp])).toEqual(['example: no help text', 'example: no https helpUrl']);
  });

  it('detects a duplicate id', () => {
    expect(duplicateIds([valid, { ...valid, name: 'Example again' }])).toEqual(['example']);
    expect(duplicateIds([valid, { ...valid, id: 'other' }])).toEqual([]);
  });

  it('rejects an unknown category, a host with a path and a misplaced authorize URL', () => {
    const badCategory = { ...valid, category: 'gaming' };
    expect(schemaFailures([badCategory])).toEqual([expect.stringMatching(/^example: category: /)]);
    expect(unknownCategories([badCategory as unknown as ProviderInput])).toEqual(['example: gaming']);
    const pathHost: ProviderInput = { ...valid, hosts: { ...valid.hosts, api: 'https://api.example.com/v1' } };
    expect(schemaFailures([pathHost])).toEqual(['example: hosts.api: hosts are bare origins']);
    const elsewhere: ProviderInput = { ...valid, oauth: { ...valid.oauth!, authorizationUrl: 'https://login.other.com/a' } };
    expect(hostMismatches([elsewhere])).toEqual(['example: authorizationUrl is not on hosts.web']);
  });
});
