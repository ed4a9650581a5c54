import { LIMITS, type Step } from '@@/shared/flows/document';
import { Button } from '@/components/Button';
import { move } from './edit-doc';
import { ExpressionMenu } from './ExpressionMenu';
import { orUndefined, TextInput } from './inputs';
import { itemSample } from './step-scope';
import { StepList, type FlowContext, type ListPlace } from './StepList';

type BranchStep = Extract<Step, { branch: unknown }>;
type ForEachStep = Extract<Step, { forEach: unknown }>;
type Props = {
  ctx: FlowContext;
  step: BranchStep | ForEachStep;
  /** Where the step's own lists sit: one level deeper, after the steps before it. */
  inner: ListPlace;
  /** What the step's own expressions (a case's `if`, the loop's `items`) can read. */
  suggestions: string[];
  onChange: (recipe: (step: Step) => void) => void;
};

/** The body of a branch (its cases, each a condition and steps) or of a forEach (what it loops over, and its steps). */
export function ControlFlowFields(props: Props) {
  return 'forEach' in props.step ? <ForEachFields {...props} step={props.step} /> : <BranchCases {...props} step={props.step} />;
}

function ForEachFields({ ctx, step, inner, suggestions, onChange }: Props & { step: ForEachStep }) {
  const edit = (recipe: (s: ForEachStep) => void) => onChange((s) => 'forEach' in s && recipe(s));
  const item = itemSample(step.forEach.items, { trigger: ctx.sample, config: ctx.config, item: inner.loop?.item });
  return (
    <div class="stack" data-testid="foreach">
      <TextInput
        label="For each item of (a CEL list)"
        testid="foreach-items"
        mono
        value={step.forEach.items}
        placeholder="trigger.issue.labels"
        hint="Its steps run once per item, which they read as item (and its position as index)."
        onInput={(items) => edit((s) => void (s.forEach.items = items))}
        after={<ExpressionMenu bare testid="foreach-items-insert" suggestions={suggestions} onPick={(path) => edit((s) => void (s.forEach.items = path))} />}
      />
      <fieldset class="nested-steps stack">
        <legend>Steps for each item</legend>
        <StepList ctx={ctx} steps={step.forEach.steps} place={{ ...inner, loop: { item } }} onChange={(recipe) => edit((s) => recipe(s.forEach.steps))} />
      </fieldset>
    </div>
  );
}

function BranchCases({ ctx, step, inner, suggestions, onChange }: Props & { step: BranchStep }) {
  const edit = (recipe: (s: BranchStep) => void) => onChange((s) => 'branch' in s && recipe(s));
  const cases = step.branch;
  const full = cases.length >= LIMITS.branchCases;
  function addCase() {
    edit((s) => {
      // A case without a condition always matches: it stays last, the new case goes before it.
      const last = s.branch.at(-1);
      if (last && last.if === undefined) s.branch.splice(s.branch.length - 1, 0, { if: 'true', steps: [] });
      else s.branch.push({ if: 'true', steps: [] });
    });
  }
  return (
    <div class="stack" data-testid="branch">
      <p class="muted small">The first case whose condition is true runs its steps; a case without a condition always matches.</p>
      {cases.map((c, k) => (
        <fieldset key={k} class="nested-steps stack" data-testid="branch-case">
          <legend>
            Case {k + 1}
            {c.if === undefined ? ' (otherwise)' : ''}
          </legend>
          <TextInput
            label="When (a CEL condition; empty: always)"
            testid="branch-if"
            mono
            value={c.if ?? ''}
            onInput={(v) => edit((s) => void (s.branch[k]!.if = orUndefined(v)))}
            after={<ExpressionMenu bare testid="branch-if-insert" suggestions={suggestions} onPick={(path) => edit((s) => void (s.branch[k]!.if = `${s.branch[k]!.if ?? ''}${path}`))} />}
          />
          <StepList ctx={ctx} steps={c.steps} place={inner} onChange={(recipe) => edit((s) => recipe(s.branch[k]!.steps))} />
          <div class="row">
            <Button variant="link" testid="branch-case-up" disabled={k === 0} onClick={() => edit((s) => move(s.branch, k, -1))}>
              Move case up
            </Button>
            <Button variant="link" testid="branch-case-down" disabled={k === cases.length - 1} onClick={() => edit((s) => move(s.branch, k, 1))}>
              Move case down
            </Button>
            <Button
              variant="link"
              testid="branch-case-remove"
              disabled={cases.length === 1}
              title={cases.length === 1 ? 'A branch has one case at least: remove the branch step instead.' : undefined}
              onClick={() => edit((s) => void s.branch.splice(k, 1))}
            >
              Remove case
            </Button>
          </div>
        </fieldset>
      ))}
      {full && (
        <p class="muted small" data-testid="branch-case-limit">
          A branch has {LIMITS.branchCases} cases at most.
        </p>
      )}
      <div>
        <Button testid="branch-case-add" disabled={full} onClick={addCase}>
          Add a case
        </Button>
      </div>
    </div>
  );
}
