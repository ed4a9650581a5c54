import type { Flow, IntegrationDocument, Step } from '@@/shared/flows/document';
import { Button } from '@/components/Button';
import { scopeSuggestions } from '../suggestions';
import { move } from './edit-doc';
import { orUndefined, TextInput } from './inputs';
import { newStep, stepIdsBefore, stepKind } from './step-kind';
import { StepEditor } from './StepEditor';
import { TriggerEditor } from './TriggerEditor';
import { useTriggerSample } from './trigger-sample';

type Props = { doc: IntegrationDocument; flow: Flow; onChange: (recipe: (f: Flow) => void) => void; onRemove?: () => void; eventTypes: string[] };

/** One flow: its id and name, the trigger, and its steps in order. */
export function FlowEditor({ doc, flow, onChange, onRemove, eventTypes }: Props) {
  const sample = useTriggerSample(flow.trigger);
  const firstConnection = doc.configVars?.find((v) => v.type === 'connection')?.key;
  const setStep = (i: number, step: Step) => onChange((f) => void (f.steps[i] = step));

  return (
    <fieldset class="section stack" data-testid="flow" data-flow-id={flow.id}>
      <legend>Flow “{flow.name}”</legend>
      <div class="grid-2">
        <TextInput label="Flow id" testid="flow-id" value={flow.id} hint="Stable: runs and webhook URLs refer to it." onInput={(id) => onChange((f) => void (f.id = id))} />
        <TextInput label="Name" testid="flow-name" value={flow.name} onInput={(name) => onChange((f) => void (f.name = name))} />
      </div>
      <TextInput label="Description" testid="flow-description" value={flow.description ?? ''} onInput={(v) => onChange((f) => void (f.description = orUndefined(v)))} />
      <h3>Trigger</h3>
      <TriggerEditor
        trigger={flow.trigger}
        configVars={doc.configVars ?? []}
        eventTypes={eventTypes}
        // A trigger's `if` sees the trigger, the event and config; no step has run yet.
        suggestions={scopeSuggestions(doc, flow.trigger, sample)}
        onChange={(t) => onChange((f) => void (f.trigger = t))}
      />
      {sample === undefined && flow.trigger.type === 'webhook' && (
        <p class="muted small" data-testid="any-body">
          The request body is the sender’s: any field of it can be read as trigger.&lt;field&gt;, and publishing checks none. Give an example body to have its fields suggested and checked.
        </p>
      )}
      {sample === undefined && flow.trigger.type === 'event' && (
        <p class="muted small" data-testid="no-sample">
          No sample of {flow.trigger.event} is known and none has reached this browser yet: the Insert menus list config and earlier steps, and its fields once one arrives.
        </p>
      )}
      <h3>Steps</h3>
      {flow.steps.length === 0 && <p class="muted small">No steps yet.</p>}
      <ol class="list">
        {flow.steps.map((step, i) => (
          <li key={i} class="card stack step-card" data-testid="step" data-step-id={step.id}>
            <div class="row-head">
              <strong>
                {i + 1}. {step.name ?? step.id} <span class="muted small">({stepKind(step)})</span>
              </strong>
              <span class="row">
                <Button variant="link" testid="step-up" disabled={i === 0} onClick={() => onChange((f) => move(f.steps, i, -1))}>
                  Move up
                </Button>
                <Button variant="link" testid="step-down" disabled={i === flow.steps.length - 1} onClick={() => onChange((f) => move(f.steps, i, 1))}>
                  Move down
                </Button>
                <Button variant="link" testid="step-remove" onClick={() => onChange((f) => void f.steps.splice(i, 1))}>
                  Remove
                </Button>
              </span>
            </div>
            <StepEditor
              step={step}
              configVars={doc.configVars ?? []}
              suggestions={scopeSuggestions(doc, flow.trigger, sample, { earlier: stepIdsBefore(flow.steps, i) })}
              onChange={(s) => setStep(i, s)}
            />
          </li>
        ))}
      </ol>
      <div class="row">
        {(['action', 'http', 'webhook', 'delay'] as const).map((kind) => (
          <Button key={kind} testid={`add-step-${kind}`} onClick={() => onChange((f) => void f.steps.push(newStep(kind, f.steps.map((s) => s.id), firstConnection)))}>
            Add {kind === 'action' ? 'an action' : kind === 'http' ? 'an HTTP request' : kind === 'webhook' ? 'an outbound webhook' : 'a delay'}
          </Button>
        ))}
        {onRemove && (
          <Button variant="link" testid="flow-remove" onClick={onRemove}>
            Remove this flow
          </Button>
        )}
      </div>
    </fieldset>
  );
}
