import { useState } from 'preact/hooks';
import type { IntegrationSummary } from '@@/shared/protocol/flows';
import { Button } from '@/components/Button';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { flowsApi } from '@/lib/flows-api';
import { relativeTime } from '@/lib/relative-time';
import { hrefOf } from '../route';
import { navigate } from '../use-hash-route';
import { DeleteIntegration } from './DeleteIntegration';

type Props = { integration: IntegrationSummary; onDeleted: (id: string) => void };

/** One integration: what it is, its latest version and instances; open, fork, delete. */
export function IntegrationRow({ integration: i, onDeleted }: Props) {
  const [confirming, setConfirming] = useState(false);
  const fork = useAction();

  async function forkIt() {
    const answer = await fork.run(() => flowsApi.fork(i.id));
    if (answer) navigate({ page: 'integration', id: answer.integration.id, tab: 'edit' });
  }

  return (
    <li class="card stack" data-testid="integration-row" data-integration-id={i.id}>
      <div class="row-head">
        <a class="card-title" href={hrefOf({ page: 'integration', id: i.id, tab: 'edit' })} data-testid="integration-open">
          {i.name}
        </a>
        <span class="row">
          {i.category && <span class="badge neutral">{i.category}</span>}
          <span class="badge neutral" data-testid="integration-version">
            {i.latestVersion ? `v${i.latestVersion}` : 'draft only'}
          </span>
          <span class="badge neutral">{i.instanceCount === 1 ? '1 instance' : `${i.instanceCount} instances`}</span>
        </span>
      </div>
      {i.description && <p class="muted">{i.description}</p>}
      <div class="row-head">
        <span class="row">
          {i.labels.map((l) => (
            <span key={l} class="label-chip">
              {l}
            </span>
          ))}
          <span class="muted small">Changed {relativeTime(i.updatedAt)}</span>
        </span>
        {!confirming && (
          <span class="row">
            <Button variant="link" testid="integration-fork" busy={fork.busy} onClick={() => void forkIt()}>
              Fork
            </Button>
            <Button variant="link" testid="integration-delete" onClick={() => setConfirming(true)}>
              Delete
            </Button>
          </span>
        )}
      </div>
      {fork.error && (
        <Notice kind="error" testid="fork-error">
          {fork.error}
        </Notice>
      )}
      {confirming && <DeleteIntegration integration={i} onDeleted={() => onDeleted(i.id)} onCancel={() => setConfirming(false)} />}
    </li>
  );
}
