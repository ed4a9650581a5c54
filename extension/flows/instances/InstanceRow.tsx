import { useState } from 'preact/hooks';
import type { FlowInstance, VersionSummary } from '@@/shared/protocol/flows';
import { Button } from '@/components/Button';
import { CopyButton } from '@/components/CopyButton';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { flowsApi } from '@/lib/flows-api';
import { ConfigEditForm } from './ConfigEditForm';
import { SigningSecret } from './SigningSecret';

type Props = { instance: FlowInstance; versions: VersionSummary[]; onChanged: () => void };

const statusLabels: Record<FlowInstance['status'], string> = { active: 'Active', disabled: 'Disabled', paused: 'Paused' };
const statusClass: Record<FlowInstance['status'], string> = { active: 'active', disabled: 'neutral', paused: 'expired' };

/** One deployed instance: its state (and why, when Weft paused it), its version (upgrade or roll back), on / off, its webhook URLs. */
export function InstanceRow({ instance: x, versions, onChanged }: Props) {
  const [target, setTarget] = useState(x.version);
  const [secret, setSecret] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const change = useAction();
  const upgrading = target > x.version;

  async function patch(body: { version?: number; enabled?: boolean }) {
    const answer = await change.run(() => flowsApi.updateInstance(x.id, body));
    if (!answer) return;
    // Moving to a version that first needs the signing secret is the one time it is shown.
    if (answer.signingSecret) setSecret(answer.signingSecret);
    else onChanged();
  }

  if (secret) {
    return (
      <li class="card stack" data-testid="instance-row" data-instance-id={x.id}>
        <SigningSecret
          secret={secret}
          onDone={() => {
            setSecret(null);
            onChanged();
          }}
        />
      </li>
    );
  }

  // Only available versions can be chosen; the current one is listed even when it is not.
  const choices = versions.filter((v) => v.available || v.version === x.version);
  return (
    <li class="card stack" data-testid="instance-row" data-instance-id={x.id}>
      <div class="row-head">
        <strong data-testid="instance-name">{x.name}</strong>
        <span class="row">
          <span class="badge neutral" data-testid="instance-version">
            v{x.version}
          </span>
          <span class={`badge ${statusClass[x.status]}`} data-testid="instance-status" data-status={x.status}>
            {statusLabels[x.status]}
          </span>
        </span>
      </div>
      {x.statusReason && (
        <p class="muted small" data-testid="instance-status-reason">
          {x.statusReason}
        </p>
      )}
      <p class="muted small">
        {x.flows.map((f) => `${f.name} (${f.trigger.type})`).join(' · ')}
      </p>
      {x.failureAlert && (
        <p class="muted small" data-testid="instance-failure-alert">
          Failed runs are also posted in Slack channel {x.failureAlert.channel}.
        </p>
      )}
      {x.webhookUrls.map((w) => (
        <div key={w.flowId} class="row" data-testid="instance-webhook">
          <span class="muted small">{x.flows.find((f) => f.id === w.flowId)?.name ?? w.flowId}:</span>
          <code class="mono" data-testid="instance-webhook-url">
            {w.url}
          </code>
          <CopyButton text={w.url} testid="instance-webhook-copy" />
        </div>
      ))}
      <div class="row-head">
        <span class="row">
          <label class="row">
            <span class="muted small">Version</span>
            <select value={String(target)} data-testid="instance-target-version" onChange={(e) => setTarget(Number(e.currentTarget.value))}>
              {choices.map((v) => (
                <option key={v.version} value={String(v.version)}>
                  v{v.version}
                  {v.version === x.version ? ' (current)' : ''}
                </option>
              ))}
            </select>
          </label>
          {target !== x.version && (
            <Button testid="instance-change-version" busy={change.busy} onClick={() => void patch({ version: target })}>
              {upgrading ? `Upgrade to v${target}` : `Roll back to v${target}`}
            </Button>
          )}
        </span>
        <span class="row">
          {!editing && (
            <Button variant="link" testid="instance-edit-config" onClick={() => setEditing(true)}>
              Change settings
            </Button>
          )}
          <Button testid="instance-toggle" busy={change.busy} onClick={() => void patch({ enabled: x.status !== 'active' })}>
            {x.status === 'active' ? 'Disable' : x.status === 'paused' ? 'Resume' : 'Enable'}
          </Button>
        </span>
      </div>
      {editing && (
        <ConfigEditForm
          instance={x}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
        />
      )}
      {target !== x.version && <p class="muted small">Runs already under way finish on v{x.version}; new runs start on v{target}.</p>}
      {change.error && (
        <Notice kind="error" testid="instance-error">
          {change.error}
        </Notice>
      )}
    </li>
  );
}
