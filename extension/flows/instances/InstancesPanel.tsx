import { useState } from 'preact/hooks';
import type { IntegrationDetail } from '@@/shared/protocol/flows';
import { Button } from '@/components/Button';
import { Notice } from '@/components/Notice';
import { DeployForm } from './DeployForm';
import { InstanceRow } from './InstanceRow';

type Props = { integration: IntegrationDetail; onChanged: () => void };

/** Where this integration runs: each instance with its version and state; deploy another. */
export function InstancesPanel({ integration, onChanged }: Props) {
  const [deploying, setDeploying] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section class="section stack" data-testid="instances">
      <div class="row-head">
        <h2>Instances</h2>
        <Button variant="primary" testid="deploy-open" onClick={() => { setNotice(null); setDeploying(true); }}>
          Deploy
        </Button>
      </div>
      {deploying && (
        <DeployForm
          integration={integration}
          onCancel={() => setDeploying(false)}
          onDeployed={(instance) => {
            setDeploying(false);
            setNotice(`Deployed “${instance.name}” (v${instance.version}).`);
            onChanged();
          }}
        />
      )}
      {notice && (
        <Notice kind="ok" testid="deployed" onDismiss={() => setNotice(null)}>
          {notice}
        </Notice>
      )}
      {integration.instances.length === 0 ? (
        <p class="muted" data-testid="instances-empty">
          Not deployed yet.
        </p>
      ) : (
        <ul class="list" data-testid="instance-list">
          {integration.instances.map((x) => (
            <InstanceRow key={x.id} instance={x} versions={integration.versions} onChanged={onChanged} />
          ))}
        </ul>
      )}
    </section>
  );
}
