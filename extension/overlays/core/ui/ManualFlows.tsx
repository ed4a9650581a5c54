import { useEffect, useRef, useState } from 'preact/hooks';
import { flowTitle } from '@/lib/flows/manual-flows';
import type { ManualFlow, ManualPlace } from '@/lib/flows/types';
import { background } from '../background';
import { RunState } from './RunState';
import { useFresh } from './use-fresh';
import { useOutboxItem } from './use-outbox-item';

/** After a run was sent the button stays locked this long: the rest of a click burst must not start a second run. */
const afterSentHoldMs = 1_000;

type Props = {
  /** Which flows apply: those whose trigger's `from` names this page's kind. */
  place: ManualPlace;
  /** The page's entity, read when the button is clicked (the title may have changed). */
  input: () => Record<string, unknown>;
};

/**
 * The manual flows that apply to this page, one button each; a click runs the flow with
 * the page's entity as its input. Nothing shows when none applies. The list comes from
 * the background's cache, then its refresh.
 */
export function ManualFlows({ place, input }: Props) {
  const state = useFresh((refresh) => background.manualFlows(place, refresh), [place]);
  const flows = state.data ?? [];
  if (flows.length === 0) return null;
  return (
    <div data-testid="weft-flows">
      <h3>Run a flow</h3>
      <ul>
        {flows.map((flow) => (
          <FlowButton key={`${flow.instanceId}/${flow.flowId}`} flow={flow} input={input} />
        ))}
      </ul>
    </div>
  );
}

/**
 * One flow: its button, and where the last run it started stands. One click is one run
 * (its idempotency key is made at the click); only a person's click counts (a page script
 * can call `click()`, whose event is not trusted), and only the first of a double click.
 */
function FlowButton({ flow, input }: { flow: ManualFlow; input: () => Record<string, unknown> }) {
  const [itemId, setItemId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [holding, setHolding] = useState(false);
  const item = useOutboxItem(itemId);
  // Set synchronously: a second click can arrive before the disabled button is rendered.
  const inFlight = useRef(false);
  const settled = item?.status === 'done' || item?.status === 'failed';
  const locked = holding || (itemId !== null && !settled);
  useEffect(() => {
    if (!settled) return;
    setHolding(true);
    const release = () => {
      inFlight.current = false;
      setHolding(false);
    };
    const hold = setTimeout(release, afterSentHoldMs);
    return () => {
      clearTimeout(hold);
      release();
    };
  }, [settled, itemId]);

  async function run(e: MouseEvent) {
    if (!e.isTrusted || e.detail > 1 || inFlight.current || locked) return;
    inFlight.current = true;
    setError(null);
    try {
      const { id } = await background.runFlow({
        instanceId: flow.instanceId,
        flowId: flow.flowId,
        input: input(),
        label: `Run ${flowTitle(flow)}`,
        idempotencyKey: `weft-${crypto.randomUUID()}`,
      });
      setItemId(id);
    } catch (err) {
      inFlight.current = false;
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <li class="action flow" data-testid="weft-flow" data-flow={flow.flowId}>
      <button type="button" class="toggle" data-testid="weft-flow-run" disabled={locked} aria-busy={locked ? true : undefined} onClick={(e) => void run(e)}>
        ▶ {flowTitle(flow)}
      </button>
      {flow.description && <p class="small muted flow-description">{flow.description}</p>}
      {error && (
        <p class="error" role="alert" data-testid="weft-flow-error">
          {error}
        </p>
      )}
      {itemId !== null && <RunState item={item} onOpen={(runId) => void background.openFlowRun(runId)} />}
    </li>
  );
}
