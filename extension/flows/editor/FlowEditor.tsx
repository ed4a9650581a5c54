import type { Flow, IntegrationDocument } from '@@/shared/flows/document';
import { Button } from '@/components/Button';
import { scopeSuggestions } from '../suggestions';
import { orUndefined, TextInput } from './inputs';
import { configDefaults } from './step-scope';
import { StepList } from './StepList';
import { TriggerEditor } from './TriggerEditor';
import { useTriggerSample } from './trigger-sample';

type Props = { doc: IntegrationDocument; flow: Flow; onChange: (recipe: (f: Flow) => void) => void; onRemove?: () => void; eventTypes: string[] };

/** One flow: its id and name, the trigger, and its steps in order (nested ones in their branch or loop). */
export function FlowEditor({ doc, flow, onChange, onRemove, eventTypes }: Props) {
  const sample = useTriggerSample(flow.trigger);

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
      <StepList ctx={{ doc, flow, sample, config: configDefaults(doc.configVars ?? []) }} steps={flow.steps} place={{ depth: 0, before: [] }} onChange={(recipe) => onChange((f) => recipe(f.steps))} />
      {onRemove && (
        <div class="row">
          <Button variant="link" testid="flow-remove" onClick={onRemove}>
            Remove this flow
          </Button>
        </div>
      )}
    </fieldset>
  );
}
