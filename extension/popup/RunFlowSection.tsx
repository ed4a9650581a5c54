import { useState } from 'preact/hooks';
import { flowTitle } from '@/lib/flows/manual-flows';
import { RunFlowForm } from './RunFlowForm';
import { useManualFlows } from './use-manual-flows';

/**
 * "Run a flow": the manual flows of the user's instances, each opening its form (built
 * from the trigger's `inputSchema`; just a Run button when it takes no input). One whose
 * instance is paused or disabled is listed, greyed out, with the reason instead of a
 * form. Hidden while there are none.
 */
export function RunFlowSection() {
  const { flows, error } = useManualFlows();
  const [open, setOpen] = useState<string | null>(null);
  if (!flows?.length) return null;
  return (
    <section class="stack" aria-labelledby="flows-heading" data-testid="run-flows">
      <div class="section-head">
        <h2 id="flows-heading">Run a flow</h2>
      </div>
      {error && <p class="reason expired">{error}</p>}
      <ul class="list">
        {flows.map((flow) => {
          const key = `${flow.instanceId}/${flow.flowId}`;
          const expanded = open === key && !flow.unavailable;
          return (
            <li key={key} class="card run-flow" data-testid="run-flow" data-flow={flow.flowId} data-unavailable={flow.unavailable?.state}>
              <button
                type="button"
                class="run-flow-toggle"
                aria-expanded={expanded}
                disabled={flow.unavailable !== null}
                data-testid="run-flow-toggle"
                onClick={() => setOpen(expanded ? null : key)}
              >
                <span class="row-title">{flowTitle(flow)}</span>
                <span class="muted small">{flow.unavailable ? flow.unavailable.state : expanded ? 'Close' : 'Run…'}</span>
              </button>
              {flow.unavailable && (
                <p class="reason expired" data-testid="run-flow-unavailable">
                  {flow.unavailable.reason}
                </p>
              )}
              {flow.description && <p class="meta">{flow.description}</p>}
              {expanded && <RunFlowForm flow={flow} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
