import { useState } from 'preact/hooks';
import type { IntegrationDetail } from '@@/shared/protocol/flows';
import { PublishForm } from './PublishForm';
import { VersionCompare } from './VersionCompare';
import { VersionRow } from './VersionRow';

type Props = { integration: IntegrationDetail; onChanged: () => void };

/** Publish the saved draft as a version; mark versions available or templates; read and compare them. */
export function VersionsPanel({ integration, onChanged }: Props) {
  const [viewing, setViewing] = useState<number | null>(null);
  const versions = integration.versions;
  return (
    <section class="section stack" data-testid="versions">
      <h2>Versions</h2>
      <PublishForm integrationId={integration.id} onPublished={onChanged} />
      {versions.length === 0 ? (
        <p class="muted" data-testid="versions-empty">
          Nothing published yet. Publishing freezes the saved draft as version 1.
        </p>
      ) : (
        <ul class="list" data-testid="version-list">
          {versions.map((v) => (
            <VersionRow key={v.version} integrationId={integration.id} version={v} viewing={viewing === v.version} onView={(open) => setViewing(open ? v.version : null)} onChanged={onChanged} />
          ))}
        </ul>
      )}
      {versions.length >= 2 && <VersionCompare integrationId={integration.id} versions={versions.map((v) => v.version)} />}
    </section>
  );
}
