import type { Connection, ProviderView } from '@@/shared/protocol';
import { relativeTime } from '@/lib/relative-time';
import { ConnectionActions } from './ConnectionActions';
import { StatusBadge } from './StatusBadge';

type Props = {
  connection: Connection;
  /** Undefined until the catalog loads, or if the server dropped the provider. */
  provider: ProviderView | undefined;
  /** The list's success line: a message, or null to clear it. */
  onNotice: (message: string | null) => void;
};

/** One connection: who, what state, what it may do, when last used; then its actions. */
export function ConnectionRow({ connection: c, provider, onNotice }: Props) {
  const providerName = provider?.name ?? c.provider;
  return (
    <li class="card" data-testid="connection-row" data-provider={c.provider} data-connection-id={c.id}>
      <div class="row-head">
        <div class="row-title">
          <span class="connection-name" data-testid="connection-name">
            {c.name}
          </span>
          {/* The default name is the provider's; saying it twice would be noise. */}
          {c.name !== providerName && <span class="provider-name">{providerName}</span>}
        </div>
        <StatusBadge status={c.status} />
      </div>
      {c.status !== 'active' && c.statusReason && (
        <p class={`reason ${c.status}`} data-testid="status-reason">
          {c.statusReason}
        </p>
      )}
      <p class="meta">
        <span data-testid="connection-account">{c.account?.label ?? 'Unknown account'}</span>
        <span aria-hidden="true"> · </span>
        <span data-testid="connection-last-used">
          {c.lastUsedAt ? `Last used ${relativeTime(c.lastUsedAt)}` : 'Never used'}
        </span>
        {!!c.instanceCount && (
          <>
            <span aria-hidden="true"> · </span>
            <span data-testid="connection-flows">{c.instanceCount === 1 ? 'Used by 1 flow' : `Used by ${c.instanceCount} flows`}</span>
          </>
        )}
      </p>
      {c.scopes.length > 0 && (
        <ul class="scopes" data-testid="connection-scopes" aria-label="Scopes granted">
          {c.scopes.map((s) => (
            <li key={s} title={provider?.scopes.find((x) => x.name === s)?.description}>
              {s}
            </li>
          ))}
        </ul>
      )}
      <ConnectionActions connection={c} provider={provider} onNotice={onNotice} />
    </li>
  );
}
