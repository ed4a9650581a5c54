import { useEffect, useState } from 'preact/hooks';
import type { Template, TemplateInstalledResponse } from '@@/shared/protocol/flows';
import { Button } from '@/components/Button';
import { ErrorState } from '@/components/ErrorState';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { flowsApi } from '@/lib/flows-api';
import { Dialog } from '../common/Dialog';
import { providerName } from '../common/provider-name';
import { initialValues, missingValues, type ConfigValues } from '../instances/config-values';
import { ConfigValuesForm } from '../instances/ConfigValuesForm';
import { SigningSecret } from '../instances/SigningSecret';
import { useConnectionsList } from '../instances/use-connections-list';
import { navigate } from '../use-hash-route';

/**
 * Installing a template, as a modal dialog: it asks only for the template's config values
 * and connections ("Connect Slack" when there is none), then installs and deploys it in
 * one call and opens the new integration's instances.
 */
export function InstallForm({ template, onCancel }: { template: Template; onCancel: () => void }) {
  const { connections, error, loading, reload } = useConnectionsList();
  const [values, setValues] = useState<ConfigValues>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [installed, setInstalled] = useState<TemplateInstalledResponse | null>(null);
  const install = useAction();

  useEffect(() => {
    if (connections) setValues((current) => initialValues(template.configVars, connections, current));
  }, [connections]);

  const open = (answer: TemplateInstalledResponse) => navigate({ page: 'integration', id: answer.integration.id, tab: 'instances' });

  async function submit(e: Event) {
    e.preventDefault();
    const missing = missingValues(template.configVars, values);
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    const answer = await install.run(() => flowsApi.installTemplate(template.id, { config: values }));
    if (!answer) return;
    if (answer.signingSecret) setInstalled(answer);
    else open(answer);
  }

  return (
    <Dialog title={`Install “${template.name}”`} testid="install-dialog" onClose={installed ? () => open(installed) : onCancel}>
      {installed?.signingSecret ? (
        <SigningSecret secret={installed.signingSecret} onDone={() => open(installed)} />
      ) : (
        <form class="stack" onSubmit={submit} noValidate data-testid="install-form">
          {error && <ErrorState testid="install-connections-error" message={error} retrying={loading} onRetry={() => void reload()} />}
          {connections ? (
            <ConfigValuesForm vars={template.configVars} values={values} connections={connections} errors={errors} providerName={providerName} onChange={setValues} />
          ) : (
            !error && <p class="muted small">Loading your connections…</p>
          )}
          {install.error && (
            <Notice kind="error" testid="install-error">
              {install.error}
            </Notice>
          )}
          <div class="panel-actions">
            <Button type="submit" variant="primary" testid="install-submit" busy={install.busy} disabled={!connections}>
              Install and deploy
            </Button>
            <Button testid="install-cancel" onClick={onCancel}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
