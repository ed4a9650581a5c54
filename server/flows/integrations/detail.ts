import type { IntegrationDocument } from '../../../shared/flows/document';
import type { IntegrationDetail } from '../../../shared/protocol/flows';
import type { AppDeps } from '../../app-context';
import { listVisibleInstances, toInstanceView } from '../instances/repository';
import { listVersions, toIntegrationSummary, toVersionSummary, type IntegrationRow } from './repository';

/** One integration with its draft, versions (newest first) and the instances deployed from it. */
export async function integrationDetail(deps: Pick<AppDeps, 'db' | 'config'>, userId: string, row: IntegrationRow): Promise<IntegrationDetail> {
  const [versions, instances] = await Promise.all([listVersions(deps.db, row.id), listVisibleInstances(deps.db, userId, row.id)]);
  return {
    ...toIntegrationSummary({ ...row, latest_version: versions[0]?.version ?? null, instance_count: instances.length }),
    draft: JSON.parse(row.draft) as IntegrationDocument,
    draftYaml: row.draft_yaml,
    versions: versions.map(toVersionSummary),
    instances: instances.map((i) => toInstanceView(i, deps.config.publicUrl)),
  };
}
