import type { ConfigVar, Trigger } from '@@/shared/flows/document';
import { ExpressionMenu } from './ExpressionMenu';
import { JsonField } from './JsonField';
import { orUndefined, SelectInput, TextInput } from './inputs';

type Props = { trigger: Trigger; configVars: ConfigVar[]; onChange: (t: Trigger) => void; eventTypes: string[]; suggestions: string[] };

const triggerTypes = [
  { value: 'event', label: 'An event (GitHub, HubSpot, a custom webhook…)' },
  { value: 'webhook', label: 'Its own webhook URL' },
  { value: 'schedule', label: 'A schedule' },
  { value: 'manual', label: 'By hand, from the extension' },
];

type ManualPlace = NonNullable<Extract<Trigger, { type: 'manual' }>['from']>[number];
const manualPlaces: { value: ManualPlace; label: string }[] = [
  { value: 'github.issue', label: 'On a GitHub issue' },
  { value: 'github.pull', label: 'On a GitHub pull request' },
  { value: 'hubspot.record', label: 'On a HubSpot record' },
  { value: 'selection', label: 'On selected text (context menu)' },
  { value: 'link', label: 'On a link (context menu)' },
];

const fresh: Record<Trigger['type'], Trigger> = {
  event: { type: 'event', event: 'github.issues.opened' },
  webhook: { type: 'webhook', signed: true },
  schedule: { type: 'schedule', cron: '0 9 * * 1-5', timezone: 'UTC' },
  manual: { type: 'manual' },
};

/** What starts a flow; its fields change with its type. `if` is a CEL condition on `trigger`. */
export function TriggerEditor({ trigger: t, configVars, onChange, eventTypes, suggestions }: Props) {
  const connections = configVars.filter((v) => v.type === 'connection');
  const set = (patch: Partial<Trigger>) => onChange({ ...t, ...patch } as Trigger);
  return (
    <div class="stack" data-testid="trigger">
      <div class="grid-2">
        <SelectInput label="Starts on" testid="trigger-type" value={t.type} options={triggerTypes} onChange={(type) => onChange(fresh[type as Trigger['type']])} />
        {t.type === 'event' && (
          <>
            <TextInput label="Event type" testid="trigger-event" value={t.event} placeholder="github.issues.opened" list="flow-event-types" onInput={(event) => set({ event })} after={<EventTypeList types={eventTypes} />} />
            <SelectInput
              label="From connection"
              testid="trigger-connection"
              value={t.connection ?? ''}
              options={[{ value: '', label: 'Any connection' }, ...connections.map((c) => ({ value: c.key, label: `${c.label} (${c.key})` }))]}
              onChange={(connection) => set({ connection: orUndefined(connection) })}
            />
          </>
        )}
        {t.type === 'webhook' && (
          <>
            <label class="check">
              <input type="checkbox" checked={t.signed ?? false} data-testid="trigger-signed" onChange={(e) => set({ signed: e.currentTarget.checked })} />
              Require a Standard Webhooks signature
            </label>
            <JsonField
              label="Example body (JSON, optional)"
              testid="trigger-sample"
              value={t.sample}
              hint="What the sender posts: its fields are suggested below and checked when a version is published."
              onChange={(sample) => set({ sample })}
            />
          </>
        )}
        {t.type === 'manual' && (
          <fieldset class="stack" data-testid="trigger-from">
            <legend class="small">Also offered (besides the popup)</legend>
            {manualPlaces.map((p) => (
              <label key={p.value} class="check">
                <input
                  type="checkbox"
                  checked={t.from?.includes(p.value) ?? false}
                  onChange={(e) => {
                    const from = (t.from ?? []).filter((f) => f !== p.value).concat(e.currentTarget.checked ? [p.value] : []);
                    set({ from: from.length ? from : undefined });
                  }}
                />
                {p.label}
              </label>
            ))}
          </fieldset>
        )}
        {t.type === 'manual' && (
          <JsonField<Record<string, unknown>>
            label="Input (JSON Schema, optional)"
            testid="trigger-input-schema"
            value={t.inputSchema}
            hint="The popup's form asks for these properties; steps read them as trigger.<property>."
            onChange={(inputSchema) => set({ inputSchema })}
          />
        )}
        {t.type === 'schedule' && (
          <>
            <TextInput label="Cron" testid="trigger-cron" mono value={t.cron} hint="Five fields, or six with seconds first." onInput={(cron) => set({ cron })} />
            <TextInput label="Time zone" testid="trigger-timezone" value={t.timezone ?? ''} placeholder="UTC" onInput={(timezone) => set({ timezone: orUndefined(timezone) })} />
            <SelectInput
              label="Ticks missed while the server was down"
              testid="trigger-catchup"
              value={t.catchUp ?? 'none'}
              options={[{ value: 'none', label: 'Skip them' }, { value: 'last', label: 'Run the last one' }]}
              onChange={(catchUp) => set({ catchUp: catchUp as 'none' | 'last' })}
            />
          </>
        )}
      </div>
      <TextInput
        label="Only when (CEL condition)"
        testid="trigger-if"
        mono
        value={t.if ?? ''}
        placeholder='trigger.issue.labels.exists(l, l.name == "urgent")'
        onInput={(v) => set({ if: orUndefined(v) })}
        after={<ExpressionMenu bare testid="trigger-if-insert" suggestions={suggestions} onPick={(path) => set({ if: `${t.if ?? ''}${path}` })} />}
      />
    </div>
  );
}

/** Known event types as the input's suggestions (a `datalist`: typing any other type is allowed). */
function EventTypeList({ types }: { types: string[] }) {
  if (types.length === 0) return null;
  return (
    <datalist id="flow-event-types">
      {types.map((t) => (
        <option key={t} value={t} />
      ))}
    </datalist>
  );
}
