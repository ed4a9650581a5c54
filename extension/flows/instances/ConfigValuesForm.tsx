import type { ConfigVar } from '@@/shared/flows/document';
import type { Connection } from '@@/shared/protocol';
import { SelectInput, TextInput } from '../editor/inputs';
import { connectionLabel, connectionsFor, type ConfigValues } from './config-values';
import { ConnectProvider } from './ConnectProvider';

type Props = { vars: ConfigVar[]; values: ConfigValues; connections: Connection[]; errors: Record<string, string>; providerName: (id: string) => string; onChange: (values: ConfigValues) => void };

/** One field per config variable; a connection variable is a choice among the user's connections of its provider. */
export function ConfigValuesForm({ vars, values, connections, errors, providerName, onChange }: Props) {
  const set = (key: string, value: unknown) => {
    const { [key]: _old, ...rest } = values;
    onChange(value === undefined ? rest : { ...rest, [key]: value });
  };
  if (vars.length === 0) return <p class="muted small">It has no config variables.</p>;
  return (
    <div class="stack" data-testid="config-values">
      {vars.map((v) => {
        const testid = `config-${v.key}`;
        const error = errors[v.key] && (
          <span class="field-error" data-testid={`${testid}-error`}>
            {errors[v.key]}
          </span>
        );
        if (v.type === 'connection') {
          const usable = connectionsFor(v.provider, connections);
          const name = providerName(v.provider);
          if (usable.length === 0) {
            // Nothing to choose: say so once, and offer the way to get one.
            return (
              <div key={v.key} class="field" role="group" aria-labelledby={`${testid}-label`}>
                <span class="label" id={`${testid}-label`}>
                  {v.label}
                </span>
                <p class="muted small" data-testid={`${testid}-none`}>
                  You have no {name} connection.
                </p>
                <ConnectProvider provider={v.provider} name={name} testid={`${testid}-connect`} />
                {error}
              </div>
            );
          }
          return (
            <div key={v.key}>
              <SelectInput
                label={v.label}
                testid={testid}
                value={typeof values[v.key] === 'string' ? (values[v.key] as string) : ''}
                options={[{ value: '', label: `Choose a ${name} connection` }, ...usable.map((c) => ({ value: c.id, label: connectionLabel(c) }))]}
                hint={v.description}
                onChange={(id) => set(v.key, id || undefined)}
              />
              {error}
            </div>
          );
        }
        if (v.type === 'boolean') {
          return (
            <label key={v.key} class="check">
              <input type="checkbox" data-testid={testid} checked={values[v.key] === true} onChange={(e) => set(v.key, e.currentTarget.checked)} />
              {v.label}
            </label>
          );
        }
        const value = values[v.key];
        return (
          <div key={v.key}>
            <TextInput
              label={v.required ? `${v.label} (required)` : v.label}
              testid={testid}
              value={value === undefined ? '' : String(value)}
              hint={v.description}
              onLeave={v.type === 'number'}
              onInput={(text) => set(v.key, text === '' ? undefined : v.type === 'number' && !Number.isNaN(Number(text)) ? Number(text) : text)}
            />
            {error}
          </div>
        );
      })}
    </div>
  );
}
