import { useEffect, useState } from 'preact/hooks';
import type { FlowInstance } from '@@/shared/protocol/flows';
import { Button } from '@/components/Button';
import { ErrorState } from '@/components/ErrorState';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { useRemote } from '@/hooks/use-remote';
import { flowsApi } from '@/lib/flows-api';
import { providerName } from '../common/provider-name';
import { initialValues, missingValues, type ConfigValues } from './config-values';
import { ConfigValuesForm } from './ConfigValuesForm';
import { failureAlertDraft, failureAlertOf, FailureAlertFields, type FailureAlertDraft } from './FailureAlertFields';
import { useConnectionsList } from './use-connections-list';

type Props = { instance: FlowInstance; onSaved: () => void; onCancel: () => void };

/**
 * An instance's settings, changed in place: its config values (all of them replace the
 * old ones: a new channel, or another connection after the one it used expired or was
 * deleted), and where a failed run is also posted in Slack.
 */
export function ConfigEditForm({ instance, onSaved, onCancel }: Props) {
  const running = useRemote(() => flowsApi.version(instance.integrationId, instance.version), [instance.integrationId, instance.version]);
  const { connections, error, loading, reload } = useConnectionsList();
  const [values, setValues] = useState<ConfigValues>(instance.config);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<FailureAlertDraft>(() => failureAlertDraft(instance.failureAlert));
  const [alertErrors, setAlertErrors] = useState<Partial<Record<'connection' | 'channel', string>>>({});
  const save = useAction();
  const vars = running.data?.version.document.configVars ?? [];

  useEffect(() => {
    if (running.data && connections) setValues((current) => initialValues(vars, connections, current));
  }, [running.data, connections]);

  async function submit(e: Event) {
    e.preventDefault();
    const missing = missingValues(vars, values);
    setErrors(missing);
    const failureAlert = failureAlertOf(alert);
    setAlertErrors('errors' in failureAlert ? failureAlert.errors : {});
    if (Object.keys(missing).length > 0 || 'errors' in failureAlert) return;
    const config = Object.fromEntries(Object.entries(values).filter(([k]) => vars.some((v) => v.key === k)));
    if (await save.run(() => flowsApi.updateInstance(instance.id, { config, failureAlert: failureAlert.alert }))) onSaved();
  }

  return (
    <form class="panel stack" onSubmit={submit} noValidate data-testid="config-edit-form">
      {running.error && <ErrorState testid="config-edit-version-error" message={running.error} retrying={running.loading} onRetry={() => void running.reload()} />}
      {error && <ErrorState testid="config-edit-connections-error" message={error} retrying={loading} onRetry={() => void reload()} />}
      {running.data && connections ? (
        <>
          <ConfigValuesForm vars={vars} values={values} connections={connections} errors={errors} providerName={providerName} onChange={setValues} />
          <FailureAlertFields draft={alert} connections={connections} errors={alertErrors} onChange={setAlert} />
        </>
      ) : (
        !running.error && !error && <p class="muted small">Loading its config and your connections…</p>
      )}
      {save.error && (
        <Notice kind="error" testid="config-edit-error">
          {save.error}
        </Notice>
      )}
      <div class="panel-actions">
        <Button type="submit" variant="primary" testid="config-edit-save" busy={save.busy} disabled={!running.data || !connections}>
          Save settings
        </Button>
        <Button testid="config-edit-cancel" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
