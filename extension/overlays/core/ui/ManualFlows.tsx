import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { flowTitle } from '@/lib/flows/manual-flows';
import type { ManualFlow, ManualPlace } from '@/lib/flows/types';
import { background, watchManualFlows } from '../background';
import { RunState } from './RunState';
import { useFresh } from './use-fresh';
import { useOutboxItem } from './use-outbox-item';
import { useSentHold } from './use-sent-hold';

type Props = {
  /** Which flows apply: those whose trigger's `from` names this page's kind. */
  place: ManualPlace;
  /** The page's entity, read when the button is clicked (the title may have changed). */
  input: () => Record<string, unknown>;
};

/**
 * The manual flows that apply to this page, one button each; a click runs the flow with
 * the page's entity as its input. Nothing shows when none applies. The list comes from
 * the background's cache, then its refresh, and again whenever the background says it
 * changed (deployed, turned off, paused in the Flows page or by Weft): an open panel
 * follows without a reload. A paused or disabled instance's flow stays, its button
 * disabled and the reason under it.
 */
export function ManualFlows({ place, input }: Props) {
  const state = useFresh((refresh) => background.manualFlows(place, refresh), [place]);
  const { reload } = state;
  useEffect(() => watchManualFlows(reload), []);
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
  const item = useOutboxItem(itemId);
  // Set synchronously: a second click can arrive before the disabled button is rendered.
  const inFlight = useRef(false);
  const locked = useSentHold(itemId, item, inFlight);
  const unavailable = flow.unavailable;
  const reasonId = useId();

  async function run(e: MouseEvent) {
    if (!e.isTrusted || e.detail > 1 || inFlight.current || locked || unavailable) return;
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
    <li class="action flow" data-testid="weft-flow" data-flow={flow.flowId} data-unavailable={unavailable?.state}>
      <button
        type="button"
        class="toggle"
        data-testid="weft-flow-run"
        disabled={locked || unavailable !== null}
        aria-busy={locked ? true : undefined}
        aria-describedby={unavailable ? reasonId : undefined}
        onClick={(e) => void run(e)}
      >
        ▶ {flowTitle(flow)}
      </button>
      {unavailable && (
        <p class="small muted" id={reasonId} data-testid="weft-flow-unavailable">
          {unavailable.reason}
        </p>
      )}
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
