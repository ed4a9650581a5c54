import type { TestProject } from 'vitest/node';
import { openStore } from '../open';
import { startCluster, type Cluster } from './postgres-cluster';
import { createDatabase, dropDatabase } from './test-databases';

/**
 * vitest globalSetup, once per test run: the PostgreSQL every test that runs on both
 * engines uses. WEFT_TEST_DATABASE_URL when set (its user must be allowed to create
 * databases), else a throwaway cluster from the machine's binaries (postgres-cluster.ts),
 * stopped and removed when the run ends. A migrated template database is made here once;
 * tests copy it (test-databases.ts). Tests read both with `inject('postgres')`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.WEFT_TEST_DATABASE_URL?.trim();
  let cluster: Cluster | undefined;
  if (!given) cluster = await startCluster();
  const adminUrl = given || cluster!.url;
  const template = await createDatabase(adminUrl, 'template0', 'weft_template');
  const store = await openStore({ databaseUrl: template.url, poolSize: 1 });
  await store.close();
  project.provide('postgres', { adminUrl, template: template.name });
  return async () => {
    if (cluster) await cluster.stop();
    else await dropDatabase(adminUrl, template.name);
  };
}
