import { useEffect, useState } from 'preact/hooks';
import type { ProviderView } from '@@/shared/protocol';
import { categoryLabels } from '@@/shared/providers/schema';
import { authChoices, keyLabelInSentence, setupEnv, withArticle } from '@/lib/catalog';

type Props = { providers: ProviderView[]; searching: boolean };

/**
 * The providers this server cannot connect yet, collapsed behind one line: a user can't
 * act on them, an admin can. Each names what the admin sets (env variables for an OAuth
 * app) or why a key can't be used. A search that finds one of them opens the list.
 */
export function MoreProviders({ providers, searching }: Props) {
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(searching), [searching]);
  return (
    <details
      class="more-providers"
      data-testid="more-providers"
      open={open}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary data-testid="more-providers-toggle">
        More providers (need server setup) <span class="muted">· {providers.length}</span>
      </summary>
      {open && (
        <ul class="setup-list" aria-label="Providers that need server setup">
          {providers.map((p) => (
            <li key={p.id} data-testid={`setup-${p.id}`}>
              <span class="setup-name">{p.name}</span> <span class="muted small">{categoryLabels[p.category]}</span>
              <p class="setup-detail muted small">{setupDetail(p)}</p>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

/** For the admin: the env variables to set, or why a pasted key is no way in yet. */
function setupDetail(p: ProviderView) {
  if (!authChoices(p).oauth) return `Weft can't check ${withArticle(keyLabelInSentence(p))} for ${p.name} yet, so it can't accept one.`;
  return (
    <>
      Set <span class="env">{setupEnv(p).join(', ')}</span> on the server.
    </>
  );
}
