import type { IntegrationDocument } from '@@/shared/flows/document';
import type { EditDoc } from './edit-doc';
import { orUndefined, TextInput } from './inputs';

/** Name, description, category and labels: what the list shows and searches. */
export function IntegrationFields({ doc, edit }: { doc: IntegrationDocument; edit: EditDoc }) {
  return (
    <fieldset class="section stack" data-testid="integration-fields">
      <legend>Integration</legend>
      <div class="grid-2">
        <TextInput label="Name" testid="doc-name" value={doc.name} onInput={(v) => edit((d) => void (d.name = v))} />
        <TextInput label="Category" testid="doc-category" value={doc.category ?? ''} placeholder="Engineering" onInput={(v) => edit((d) => void (d.category = orUndefined(v)))} />
      </div>
      <TextInput label="Description" testid="doc-description" multiline value={doc.description ?? ''} onInput={(v) => edit((d) => void (d.description = orUndefined(v)))} />
      <TextInput
        label="Labels"
        testid="doc-labels"
        value={(doc.labels ?? []).join(', ')}
        placeholder="github, slack"
        hint="Separated by commas; stored lower-cased."
        onLeave
        onInput={(v) =>
          edit((d) => {
            const labels = v.split(',').map((l) => l.trim()).filter(Boolean);
            d.labels = labels.length ? labels : undefined;
          })
        }
      />
    </fieldset>
  );
}
