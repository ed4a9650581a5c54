import type { ConfigVar, IntegrationDocument } from '@@/shared/flows/document';
import { Button } from '@/components/Button';
import { actionCatalog } from '@/lib/action-catalog';
import { move, type EditDoc } from './edit-doc';
import { orUndefined, SelectInput, TextInput } from './inputs';

const types: { value: ConfigVar['type']; label: string }[] = [
  { value: 'string', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'boolean', label: 'Yes / no' },
  { value: 'connection', label: 'Connection' },
];
const providers = Object.keys(actionCatalog);

/** The config variables every flow shares; each deployed instance sets their values. */
export function ConfigVarsEditor({ doc, edit }: { doc: IntegrationDocument; edit: EditDoc }) {
  const vars = doc.configVars ?? [];
  const editVar = (i: number, recipe: (v: ConfigVar) => void) => edit((d) => recipe(d.configVars![i]!));

  function retype(i: number, type: ConfigVar['type']) {
    edit((d) => {
      const { key, label, description } = d.configVars![i]!;
      const base = { key, label, ...(description ? { description } : {}) };
      d.configVars![i] = type === 'connection' ? { ...base, type, provider: providers[0]! } : { ...base, type };
    });
  }

  return (
    <fieldset class="section stack" data-testid="config-vars">
      <legend>Config variables</legend>
      <p class="muted small">Set per deployed instance: a Slack channel, a connection to use. Flows read them as config.key.</p>
      {vars.map((v, i) => (
        <div key={i} class="card stack" data-testid="config-var">
          <div class="grid-2">
            <TextInput label="Key" testid="config-var-key" value={v.key} onInput={(x) => editVar(i, (c) => void (c.key = x))} />
            <TextInput label="Label" testid="config-var-label" value={v.label} onInput={(x) => editVar(i, (c) => void (c.label = x))} />
            <SelectInput label="Type" testid="config-var-type" value={v.type} options={types} onChange={(t) => retype(i, t as ConfigVar['type'])} />
            {v.type === 'connection' ? (
              <SelectInput
                label="Provider"
                testid="config-var-provider"
                value={v.provider}
                options={[...new Set([...providers, v.provider])].map((p) => ({ value: p, label: p }))}
                onChange={(p) => editVar(i, (c) => void (c.type === 'connection' && (c.provider = p)))}
              />
            ) : (
              <TextInput
                label="Default"
                testid="config-var-default"
                value={v.default === undefined ? '' : String(v.default)}
                onInput={(x) =>
                  editVar(i, (c) => {
                    if (c.type === 'string') c.default = orUndefined(x);
                    else if (c.type === 'number') c.default = x.trim() === '' || Number.isNaN(Number(x)) ? undefined : Number(x);
                    else if (c.type === 'boolean') c.default = x === 'true' ? true : x === 'false' ? false : undefined;
                  })
                }
                hint={v.type === 'boolean' ? 'true or false' : undefined}
                onLeave
              />
            )}
          </div>
          <div class="row">
            <Button variant="link" testid="config-var-up" disabled={i === 0} onClick={() => edit((d) => move(d.configVars!, i, -1))}>
              Move up
            </Button>
            <Button variant="link" testid="config-var-remove" onClick={() => edit((d) => void d.configVars!.splice(i, 1))}>
              Remove
            </Button>
          </div>
        </div>
      ))}
      <div>
        <Button
          testid="config-var-add"
          onClick={() => edit((d) => void (d.configVars = [...(d.configVars ?? []), { key: `var${vars.length + 1}`, label: 'New variable', type: 'string' }]))}
        >
          Add a variable
        </Button>
      </div>
    </fieldset>
  );
}
