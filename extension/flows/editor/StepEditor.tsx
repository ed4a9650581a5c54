import type { ComponentChildren } from 'preact';
import type { ConfigVar, Step } from '@@/shared/flows/document';
import { ActionInputs } from './ActionInputs';
import { catalogActions } from './catalog-actions';
import { ExpressionMenu } from './ExpressionMenu';
import { JsonField } from './JsonField';
import { orUndefined, SelectInput, TextInput } from './inputs';
import { stepKind } from './step-kind';

type Props = { step: Step; configVars: ConfigVar[]; suggestions: string[]; onChange: (step: Step) => void; children?: ComponentChildren };

/**
 * One step: id, name, the fields of its kind, `if` and retries. A branch or forEach step's
 * body (its own lists of steps) is `children`, shown last.
 */
export function StepEditor({ step, configVars, suggestions, onChange, children }: Props) {
  const kind = stepKind(step);
  const set = (patch: Record<string, unknown>) => onChange({ ...step, ...patch } as Step);
  return (
    <div class="stack" data-testid="step-fields" data-kind={kind}>
      <div class="grid-2">
        <TextInput label="Step id" testid="step-id" value={step.id} hint="Later steps read its output as steps.<id>." onInput={(id) => set({ id })} />
        <TextInput label="Name" testid="step-name" value={step.name ?? ''} onInput={(name) => set({ name: orUndefined(name) })} />
      </div>
      {'action' in step && <ActionFields step={step} configVars={configVars} suggestions={suggestions} onChange={onChange} />}
      {'http' in step && (
        <>
          <div class="grid-2">
            <SelectInput label="Method" testid="step-http-method" value={step.http.method} options={['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => ({ value: m, label: m }))} onChange={(method) => set({ http: { ...step.http, method } })} />
            <TextInput label="URL" testid="step-http-url" value={step.http.url} onInput={(url) => set({ http: { ...step.http, url } })} />
          </div>
          <JsonField label="Headers (JSON)" testid="step-http-headers" value={step.http.headers} onChange={(headers) => set({ http: { ...step.http, headers } })} />
          <JsonField label="Body (JSON, may hold {{ }})" testid="step-http-body" value={step.http.body} onChange={(body) => set({ http: { ...step.http, body } })} />
        </>
      )}
      {'webhook' in step && (
        <>
          <TextInput label="URL" testid="step-webhook-url" value={step.webhook.url} onInput={(url) => set({ webhook: { ...step.webhook, url } })} />
          <JsonField label="Body (JSON, may hold {{ }})" testid="step-webhook-body" value={step.webhook.body} onChange={(body) => set({ webhook: { ...step.webhook, body: body ?? {} } })} />
        </>
      )}
      {'delay' in step && <TextInput label="Wait" testid="step-delay" value={step.delay} hint="30s, 15m, 2h, 1d, or an expression." onInput={(delay) => set({ delay })} />}
      <div class="grid-2">
        <TextInput
          label="Only when (CEL condition)"
          testid="step-if"
          mono
          value={step.if ?? ''}
          onInput={(v) => set({ if: orUndefined(v) })}
          after={<ExpressionMenu bare testid="step-if-insert" suggestions={suggestions} onPick={(path) => set({ if: `${step.if ?? ''}${path}` })} />}
        />
        <TextInput
          label="Attempts"
          testid="step-retry"
          value={step.retry ? String(step.retry.attempts) : ''}
          hint="Tries in all, with exponential backoff; empty: the default."
          onInput={(v) => {
            const attempts = Number.parseInt(v, 10);
            set({ retry: Number.isInteger(attempts) && attempts > 0 ? { ...step.retry, attempts } : undefined });
          }}
        />
      </div>
      {children}
    </div>
  );
}

function ActionFields({ step, configVars, suggestions, onChange }: { step: Extract<Step, { action: string }>; configVars: ConfigVar[]; suggestions: string[]; onChange: (s: Step) => void }) {
  const provider = step.action.split('.')[0];
  const connections = configVars.filter((v) => v.type === 'connection' && v.provider === provider);
  const known = catalogActions.some((a) => a.id === step.action);
  return (
    <>
      <div class="grid-2">
        <SelectInput
          label="Action"
          testid="step-action"
          value={step.action}
          options={[...(known ? [] : [{ value: step.action, label: step.action }]), ...catalogActions.map((a) => ({ value: a.id, label: `${a.id} — ${a.title}` }))]}
          // Another action's fields differ: its input starts empty.
          onChange={(action) => onChange({ ...step, action, input: {} })}
        />
        <SelectInput
          label="Connection"
          testid="step-connection"
          value={step.connection}
          hint={connections.length === 0 ? `Add a config variable of type Connection for ${provider}.` : undefined}
          options={[...(connections.some((c) => c.key === step.connection) ? [] : [{ value: step.connection, label: `${step.connection} (not a ${provider} connection variable)` }]), ...connections.map((c) => ({ value: c.key, label: `${c.label} (${c.key})` }))]}
          onChange={(connection) => onChange({ ...step, connection })}
        />
      </div>
      <ActionInputs action={step.action} input={step.input ?? {}} suggestions={suggestions} onChange={(input) => onChange({ ...step, input })} />
    </>
  );
}
