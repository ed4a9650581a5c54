import { LIMITS, type Flow, type IntegrationDocument, type Step } from '@@/shared/flows/document';
import { Button } from '@/components/Button';
import { scopeSuggestions } from '../suggestions';
import { ControlFlowFields } from './ControlFlowFields';
import { move } from './edit-doc';
import { newStep, stepKind, type StepKind } from './step-kind';
import { allIds, finishedIds } from './step-scope';
import { StepEditor } from './StepEditor';

/** What every list of steps in one flow shares: the document, the flow, what its trigger's sample and config defaults hold. */
export type FlowContext = { doc: IntegrationDocument; flow: Flow; sample: unknown; config: Record<string, unknown> };

/**
 * Where a list of steps sits: `depth`, how many branch / forEach steps are around its
 * steps; `before`, the ids of the steps that finished before the list starts; `loop`, the
 * sample `item` when the list runs inside a forEach.
 */
export type ListPlace = { depth: number; before: string[]; loop?: { item: unknown } };

type Props = { ctx: FlowContext; steps: Step[]; place: ListPlace; onChange: (recipe: (steps: Step[]) => void) => void };

const kinds: { kind: StepKind; label: string }[] = [
  { kind: 'action', label: 'Add an action' },
  { kind: 'http', label: 'Add an HTTP request' },
  { kind: 'webhook', label: 'Add an outbound webhook' },
  { kind: 'delay', label: 'Add a delay' },
  { kind: 'branch', label: 'Add a branch' },
  { kind: 'forEach', label: 'Add a for-each loop' },
];

/**
 * A list of steps in order: a flow's, a branch case's or a loop's (the same editor at each
 * level). Each step is added, moved and removed here; a branch or forEach step holds lists
 * of its own (ControlFlowFields). The document's limits are kept: steps per list, and
 * branch / forEach nesting, each said where its button is disabled.
 */
export function StepList({ ctx, steps, place, onChange }: Props) {
  const firstConnection = ctx.doc.configVars?.find((v) => v.type === 'connection')?.key;
  const full = steps.length >= LIMITS.stepsPerFlow;
  // A branch or loop added here would hold its steps one level deeper than the schema allows.
  const tooDeep = place.depth + 1 >= LIMITS.stepNesting;
  return (
    <div class="stack" data-testid="step-list" data-depth={place.depth}>
      {steps.length === 0 && <p class="muted small">No steps yet.</p>}
      {steps.length > 0 && (
        <ol class="list">
          {steps.map((step, i) => {
            const before = [...place.before, ...finishedIds(steps.slice(0, i))];
            const suggestions = scopeSuggestions(ctx.doc, ctx.flow.trigger, ctx.sample, { earlier: before, inForEach: place.loop !== undefined, item: place.loop?.item });
            return (
              <li key={i} class="card stack step-card" data-testid="step" data-step-id={step.id}>
                <div class="row-head">
                  <strong>
                    {i + 1}. {step.name ?? step.id} <span class="muted small">({stepKind(step)})</span>
                  </strong>
                  <span class="row">
                    <Button variant="link" testid="step-up" disabled={i === 0} onClick={() => onChange((list) => move(list, i, -1))}>
                      Move up
                    </Button>
                    <Button variant="link" testid="step-down" disabled={i === steps.length - 1} onClick={() => onChange((list) => move(list, i, 1))}>
                      Move down
                    </Button>
                    <Button variant="link" testid="step-remove" onClick={() => onChange((list) => void list.splice(i, 1))}>
                      Remove
                    </Button>
                  </span>
                </div>
                <StepEditor step={step} configVars={ctx.doc.configVars ?? []} suggestions={suggestions} onChange={(s) => onChange((list) => void (list[i] = s))}>
                  {('branch' in step || 'forEach' in step) && (
                    <ControlFlowFields ctx={ctx} step={step} inner={{ depth: place.depth + 1, before, loop: place.loop }} suggestions={suggestions} onChange={(recipe) => onChange((list) => recipe(list[i]!))} />
                  )}
                </StepEditor>
              </li>
            );
          })}
        </ol>
      )}
      {full ? (
        <p class="muted small" data-testid="step-limit">
          A list of steps holds {LIMITS.stepsPerFlow} at most: remove one to add another.
        </p>
      ) : (
        tooDeep && (
          <p class="muted small" data-testid="step-nesting-limit">
            Branches and loops nest {LIMITS.stepNesting} deep at most: none can be added inside this one.
          </p>
        )
      )}
      <div class="row">
        {kinds.map(({ kind, label }) => (
          <Button
            key={kind}
            testid={`add-step-${kind}`}
            disabled={full || (tooDeep && (kind === 'branch' || kind === 'forEach'))}
            onClick={() => onChange((list) => void list.push(newStep(kind, allIds(ctx.flow.steps), firstConnection)))}
          >
            {label}
          </Button>
        ))}
      </div>
    </div>
  );
}
