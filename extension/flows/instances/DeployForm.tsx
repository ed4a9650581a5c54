import { useEffect, useState } from 'preact/hooks';
import type { IntegrationDetail, FlowInstance } from '@@/shared/protocol/flows';
import { Button } from '@/components/Button';
import { ErrorState } from '@/components/ErrorState';
import { Field } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { useRemote } from '@/hooks/use-remote';
import { flowsApi } from '@/lib/flows-api';
import { Dialog } from '../common/Dialog';
import { providerName } from '../common/provider-name';
import { initialValues, missingValues, type ConfigValues } from './config-values';
import { ConfigValuesForm } from './ConfigValuesForm';
import { SigningSecret } from './SigningSecret';
import { useConnectionsList } from './use-connections-list';

type Props = { integration: IntegrationDetail; onDeployed: (instance: FlowInstance) => void; onCancel: () => void };

/**
 * Deploy, as a modal dialog over the instances: an available version, a name, and the
 * version's config variables, each connection variable a choice among the user's
 * connections of its provider ("Connect Slack" when there is none). Escape or Cancel
 * closes it; a signing secret, when the version needs one, is shown in it once.
 */
export function DeployForm({ integration, onDeployed, onCancel }: Props) {
  const available = integration.versions.filter((v) => v.available);
  const [version, setVersion] = useState(available[0]?.version);
  const [name, setName] = useState(integration.name);
  const [values, setValues] = useState<ConfigValues>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [secret, setSecret] = useState<{ instance: FlowInstance; secret: string } | null>(null);
  const chosen = useRemote(() => (version ? flowsApi.version(integration.id, version) : Promise.resolve(undefined)), [integration.id, version]);
  const { connections, error: connectionsError, loading, reload } = useConnectionsList();
  const deploy = useAction();
  const vars = chosen.data?.version.document.configVars ?? [];

  // Defaults (and a provider's only connection) once the version and connections are known; what was typed stays.
  useEffect(() => {
    if (chosen.data && connections) setValues((current) => initialValues(vars, connections, current));
  }, [chosen.data, connections]);

  async function submit(e: Event) {
    e.preventDefault();
    if (!version) return;
    const missing = missingValues(vars, values);
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    const known = Object.fromEntries(Object.entries(values).filter(([k]) => vars.some((v) => v.key === k)));
    const answer = await deploy.run(() => flowsApi.deploy({ integrationId: integration.id, version, config: known, name }));
    if (!answer) return;
    if (answer.signingSecret) setSecret({ instance: answer.instance, secret: answer.signingSecret });
    else onDeployed(answer.instance);
  }

  return (
    <Dialog title={`Deploy “${integration.name}”`} testid="deploy-dialog" onClose={secret ? () => onDeployed(secret.instance) : onCancel}>
      {secret ? (
        <SigningSecret secret={secret.secret} onDone={() => onDeployed(secret.instance)} />
      ) : available.length === 0 ? (
        <>
          <Notice kind="info" testid="deploy-none-available">
            No version is available to deploy. Publish one (Versions), or mark one available.
          </Notice>
          <div class="panel-actions">
            <Button testid="deploy-cancel" onClick={onCancel}>
              Close
            </Button>
          </div>
        </>
      ) : (
        <form class="stack" onSubmit={submit} noValidate data-testid="deploy-form">
          <div class="grid-2">
            <div class="field">
              <label for="deploy-version">Version</label>
              <select id="deploy-version" data-testid="deploy-version" value={String(version)} onChange={(e) => setVersion(Number(e.currentTarget.value))}>
                {available.map((v) => (
                  <option key={v.version} value={String(v.version)}>
                    v{v.version}
                    {v.note ? ` — ${v.note}` : ''}
                  </option>
                ))}
              </select>
            </div>
            <Field label="Instance name" testid="deploy-name" value={name} onInput={setName} maxLength={200} />
          </div>
          {chosen.error && <ErrorState testid="deploy-version-error" message={chosen.error} retrying={chosen.loading} onRetry={() => void chosen.reload()} />}
          {connectionsError && <ErrorState testid="deploy-connections-error" message={connectionsError} retrying={loading} onRetry={() => void reload()} />}
          {chosen.data && connections ? (
            <ConfigValuesForm vars={vars} values={values} connections={connections} errors={errors} providerName={providerName} onChange={setValues} />
          ) : (
            !chosen.error && !connectionsError && <p class="muted small">Loading the version and your connections…</p>
          )}
          {deploy.error && (
            <Notice kind="error" testid="deploy-error">
              {deploy.error}
            </Notice>
          )}
          <div class="panel-actions">
            <Button type="submit" variant="primary" testid="deploy-submit" busy={deploy.busy} disabled={!chosen.data || !connections}>
              Deploy v{version}
            </Button>
            <Button testid="deploy-cancel" onClick={onCancel}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
