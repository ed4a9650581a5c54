import { ErrorState } from '@/components/ErrorState';
import { Skeleton } from '@/components/Skeleton';
import { useRemote } from '@/hooks/use-remote';
import { flowsApi } from '@/lib/flows-api';
import { Editor } from '../editor/Editor';
import { InstancesPanel } from '../instances/InstancesPanel';
import { hrefOf, type IntegrationTab } from '../route';
import { RunsPanel } from '../runs/RunsPanel';
import { VersionsPanel } from '../versions/VersionsPanel';

const tabLabels: Record<IntegrationTab, string> = { edit: 'Edit draft', versions: 'Versions', instances: 'Instances', runs: 'Runs' };

/** One integration: its draft editor, versions, deployed instances and their runs, one tab each. */
export function IntegrationPage({ id, tab }: { id: string; tab: IntegrationTab }) {
  const { data, setData, error, loading, reload } = useRemote(() => flowsApi.integration(id), [id]);
  const integration = data?.integration;
  if (!integration) {
    return error ? <ErrorState testid="integration-error" message={error} retrying={loading} onRetry={() => void reload()} /> : <Skeleton testid="integration-loading" label="Loading the integration" rows={2} />;
  }
  return (
    <div class="stack" data-testid="integration-page" data-integration-id={integration.id}>
      <div class="row-head">
        <h2 data-testid="integration-name">{integration.name}</h2>
        <span class="muted small">
          {integration.latestVersion ? `Latest version v${integration.latestVersion}` : 'Not published yet'}
          {integration.forkedFrom && ' · a fork'}
        </span>
      </div>
      {error && <ErrorState testid="integration-error" message={error} retrying={loading} onRetry={() => void reload()} />}
      <nav class="tabs" aria-label="Integration">
        {(Object.keys(tabLabels) as IntegrationTab[]).map((t) => (
          <a key={t} href={hrefOf({ page: 'integration', id, tab: t })} aria-current={t === tab ? 'page' : undefined} data-testid={`tab-${t}`}>
            {tabLabels[t]}
            {t === 'instances' && integration.instances.length > 0 && ` (${integration.instances.length})`}
          </a>
        ))}
      </nav>
      {/* Hidden, not unmounted: unsaved edits survive a look at the versions. */}
      <div hidden={tab !== 'edit'}>
        <Editor integration={integration} onSaved={(saved) => setData({ integration: saved })} />
      </div>
      {tab === 'versions' && <VersionsPanel integration={integration} onChanged={() => void reload()} />}
      {tab === 'instances' && <InstancesPanel integration={integration} onChanged={() => void reload()} />}
      {tab === 'runs' && <RunsPanel instances={integration.instances} />}
    </div>
  );
}
