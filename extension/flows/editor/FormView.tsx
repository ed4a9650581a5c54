import type { IntegrationDocument } from '@@/shared/flows/document';
import { Button } from '@/components/Button';
import { ConfigVarsEditor } from './ConfigVarsEditor';
import type { EditDoc } from './edit-doc';
import { FlowEditor } from './FlowEditor';
import { IntegrationFields } from './IntegrationFields';
import { useEventTypes } from './trigger-sample';

/** The document as a form: the integration's fields, its config variables, each flow. */
export function FormView({ doc, edit }: { doc: IntegrationDocument; edit: EditDoc }) {
  const eventTypes = useEventTypes();
  function addFlow() {
    const ids = doc.flows.map((f) => f.id);
    let n = ids.length + 1;
    while (ids.includes(`flow${n}`)) n++;
    edit((d) => void d.flows.push({ id: `flow${n}`, name: `Flow ${n}`, trigger: { type: 'manual' }, steps: [] }));
  }
  return (
    <div class="stack" data-testid="form-view">
      <IntegrationFields doc={doc} edit={edit} />
      <ConfigVarsEditor doc={doc} edit={edit} />
      {doc.flows.map((flow, i) => (
        <FlowEditor
          key={i}
          doc={doc}
          flow={flow}
          eventTypes={eventTypes}
          onChange={(recipe) => edit((d) => recipe(d.flows[i]!))}
          onRemove={doc.flows.length > 1 ? () => edit((d) => void d.flows.splice(i, 1)) : undefined}
        />
      ))}
      <div>
        <Button testid="add-flow" onClick={addFlow}>
          Add a flow
        </Button>
      </div>
    </div>
  );
}
