import type { VersionSummary } from '@@/shared/protocol/flows';
import { Button } from '@/components/Button';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { useRemote } from '@/hooks/use-remote';
import { flowsApi } from '@/lib/flows-api';
import { relativeTime } from '@/lib/relative-time';
import { ErrorState } from '@/components/ErrorState';

type Props = { integrationId: string; version: VersionSummary; viewing: boolean; onView: (open: boolean) => void; onChanged: () => void };

/** One version: number, note, hash; the available and template switches; its YAML on demand. */
export function VersionRow({ integrationId, version: v, viewing, onView, onChanged }: Props) {
  const toggle = useAction();
  async function set(patch: { available?: boolean; template?: boolean }) {
    if (await toggle.run(() => flowsApi.updateVersion(integrationId, v.version, patch))) onChanged();
  }
  return (
    <li class="card stack" data-testid="version-row" data-version={v.version}>
      <div class="row-head">
        <strong>v{v.version}</strong>
        <span class="muted small">
          Published {relativeTime(v.publishedAt)} · <span class="mono" title={v.contentHash}>{v.contentHash.slice(0, 12)}</span>
        </span>
      </div>
      {v.note && <p data-testid="version-note">{v.note}</p>}
      <div class="row-head">
        <span class="row">
          <label class="check">
            <input type="checkbox" checked={v.available} disabled={toggle.busy} data-testid="version-available" onChange={(e) => void set({ available: e.currentTarget.checked })} />
            Available to deploy
          </label>
          <label class="check">
            <input type="checkbox" checked={v.template} disabled={toggle.busy} data-testid="version-template" onChange={(e) => void set({ template: e.currentTarget.checked })} />
            Offered as a template
          </label>
        </span>
        <Button variant="link" testid="version-view" onClick={() => onView(!viewing)}>
          {viewing ? 'Hide YAML' : 'View YAML'}
        </Button>
      </div>
      {toggle.error && (
        <Notice kind="error" testid="version-toggle-error">
          {toggle.error}
        </Notice>
      )}
      {viewing && <VersionYaml integrationId={integrationId} version={v.version} />}
    </li>
  );
}

function VersionYaml({ integrationId, version }: { integrationId: string; version: number }) {
  const { data, error, loading, reload } = useRemote(() => flowsApi.versionYaml(integrationId, version), [integrationId, version]);
  if (error) return <ErrorState testid="version-yaml-error" message={error} retrying={loading} onRetry={() => void reload()} />;
  if (data === undefined) return <p class="muted small">Loading…</p>;
  return (
    <pre class="code" data-testid="version-yaml">
      {data}
    </pre>
  );
}
