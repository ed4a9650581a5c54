import { useMemo, useRef, useState } from 'preact/hooks';
import { useLiveQuery } from '@/hooks/use-live-query';
import { messageOf } from '@/lib/api-error';
import { db } from '@/lib/db';
import { initialValues, inputFields, inputFromForm, type FormValues, type InputField } from '@/lib/flows/input-form';
import { flowTitle } from '@/lib/flows/manual-flows';
import { openFlowRun } from '@/lib/flows/run-link';
import { outcomeText, runOutcome } from '@/lib/flows/run-outcome';
import type { ManualFlow } from '@/lib/flows/types';
import { sendToBackground } from '@/lib/messaging/to-background';

/**
 * One flow's form: a field per property of its input schema, then Run. Submitting checks
 * the fields (each problem named on its field), then hands the run to the background's
 * outbox (one submission, one idempotency key) and shows where it stands: started (with a
 * link to the run), filtered (with why), waiting or failed (with the server's words).
 */
export function RunFlowForm({ flow }: { flow: ManualFlow }) {
  const fields = useMemo(() => inputFields(flow.inputSchema), [flow.inputSchema]);
  const [values, setValues] = useState<FormValues>(() => initialValues(fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [itemId, setItemId] = useState<string | null>(null);
  const item = useLiveQuery(async () => (itemId ? ((await db.outbox.get(itemId)) ?? null) : null), [itemId]);
  const sending = useRef(false);
  const waiting = itemId !== null && item?.status !== 'done' && item?.status !== 'failed';

  async function submit(e: Event) {
    e.preventDefault();
    if (sending.current || waiting) return;
    const result = inputFromForm(fields, values);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    setProblem(null);
    sending.current = true;
    try {
      const { id } = await sendToBackground('runFlow', {
        instanceId: flow.instanceId,
        flowId: flow.flowId,
        input: result.input,
        label: `Run ${flowTitle(flow)}`,
        idempotencyKey: `weft-${crypto.randomUUID()}`,
      });
      setItemId(id);
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      sending.current = false;
    }
  }

  const set = (key: string, value: string | boolean) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors(({ [key]: _gone, ...rest }) => rest);
  };

  return (
    <form class="stack run-flow-form" data-testid="run-flow-form" onSubmit={(e) => void submit(e)} noValidate>
      {fields.map((field) => (
        <InputControl key={field.key} field={field} value={values[field.key] ?? field.initial} error={errors[field.key]} onChange={(v) => set(field.key, v)} />
      ))}
      <button type="submit" class="btn primary" data-testid="run-flow-submit" disabled={waiting} aria-busy={waiting ? true : undefined}>
        Run
      </button>
      {problem && (
        <p class="reason error" role="alert" data-testid="run-flow-problem">
          {problem}
        </p>
      )}
      {itemId !== null && <RunResult item={item ?? null} />}
    </form>
  );
}

function RunResult({ item }: { item: { status: string; lastError: string | null; result?: unknown } | null }) {
  if (item?.status === 'done') {
    const outcome = runOutcome(item.result);
    return (
      <p class={`reason ${outcome?.kind === 'started' ? 'ok' : 'expired'}`} data-testid="run-flow-result" data-status={outcome?.kind ?? 'done'}>
        {outcome ? outcomeText(outcome) : 'Sent.'}
        {outcome?.kind === 'started' && (
          <>
            {' '}
            <button type="button" class="btn link" data-testid="run-flow-link" onClick={() => void openFlowRun(outcome.runId)}>
              View run
            </button>
          </>
        )}
      </p>
    );
  }
  if (item?.status === 'failed') {
    return (
      <p class="reason error" data-testid="run-flow-result" data-status="failed">
        Failed: {item.lastError ?? 'the server refused it.'}
      </p>
    );
  }
  return (
    <p class="meta" data-testid="run-flow-result" data-status={item?.status ?? 'queued'}>
      {item?.status === 'sending' ? 'Starting…' : item?.lastError ? `Waiting: ${item.lastError} Weft will send it when it can (see Outbox).` : 'Starting…'}
    </p>
  );
}

/** One input of the form, labelled, its error tied to it for screen readers. */
function InputControl({ field, value, error, onChange }: { field: InputField; value: string | boolean; error: string | undefined; onChange: (value: string | boolean) => void }) {
  const id = `flow-input-${field.key}`;
  const common = {
    id,
    'data-testid': `run-flow-input-${field.key}`,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    'aria-required': field.required ? true : undefined,
  } as const;
  const text = typeof value === 'string' ? value : '';
  let control;
  if (field.kind === 'checkbox') {
    control = <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />;
  } else if (field.kind === 'select') {
    control = (
      <select {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)}>
        {!field.required || text === '' ? <option value="">—</option> : null}
        {field.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === 'textarea' || field.kind === 'json') {
    control = <textarea {...common} rows={field.kind === 'json' ? 3 : 2} maxLength={field.maxLength ?? undefined} value={text} onInput={(e) => onChange(e.currentTarget.value)} />;
  } else {
    control = (
      <input
        {...common}
        type="text"
        inputMode={field.kind === 'text' ? undefined : 'decimal'}
        maxLength={field.maxLength ?? undefined}
        value={text}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
    );
  }
  const label = `${field.label}${field.required || field.kind === 'checkbox' ? '' : ' (optional)'}`;
  return (
    <div class={`field ${field.kind === 'checkbox' ? 'check' : ''}`}>
      {field.kind === 'checkbox' ? (
        <label for={id}>
          {control}
          {label}
        </label>
      ) : (
        <>
          <label for={id}>{label}</label>
          {control}
        </>
      )}
      {field.description && <p class="hint">{field.description}</p>}
      {error && (
        <p class="field-error" id={`${id}-error`} data-testid={`run-flow-input-${field.key}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
