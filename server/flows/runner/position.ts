import type { Flow, Step } from '../../../shared/flows/document';

/**
 * Where a run is in its flow: one frame per level of nesting, outermost first. `i` is the
 * step's index in its list; a frame whose step is a branch records the chosen branch `b`,
 * one whose step is a forEach the current `item` and the item count `n`, once its
 * children run. A step job carries its position, so the job alone says what to run next.
 *
 * @example [{ i: 1, item: 3, n: 5 }, { i: 0 }] // the first step inside the second step (a forEach), on item 3 of 5
 */
export type Frame = { i: number; b?: number; item?: number; n?: number };
export type Position = Frame[];

export type BranchStep = Extract<Step, { branch: unknown }>;
export type ForEachStep = Extract<Step, { forEach: unknown }>;

export const isBranch = (step: Step): step is BranchStep => 'branch' in step;
export const isForEach = (step: Step): step is ForEachStep => 'forEach' in step;

/** The list of steps that the last frame of `frames` indexes into. */
function listAt(flow: Flow, parents: Position): Step[] {
  let list = flow.steps;
  for (const frame of parents) {
    const step = list[frame.i];
    if (!step) throw new Error('The run is at a step its flow no longer has.');
    if (isBranch(step) && frame.b !== undefined) list = step.branch[frame.b]?.steps ?? [];
    else if (isForEach(step) && frame.item !== undefined) list = step.forEach.steps;
    else throw new Error('The run is at a step its flow no longer has.');
  }
  return list;
}

/** The step at `pos`; throws when the flow has no such step. */
export function stepAt(flow: Flow, pos: Position): Step {
  const step = listAt(flow, pos.slice(0, -1))[pos.at(-1)!.i];
  if (!step) throw new Error('The run is at a step its flow no longer has.');
  return step;
}

/** The step's key in the run: its id, with the item index of each forEach around it (`notify[3]`). */
export function stepKeyAt(flow: Flow, pos: Position): string {
  const indices = pos.slice(0, -1).filter((f) => f.item !== undefined).map((f) => `[${f.item}]`).join('');
  return `${stepAt(flow, pos).id}${indices}`;
}

/** The key of the innermost forEach step around `pos` (whose row holds the items), with that item's index; null outside any. */
export function enclosingForEach(flow: Flow, pos: Position): { key: string; index: number } | null {
  for (let k = pos.length - 2; k >= 0; k--) {
    const frame = pos[k]!;
    if (frame.item !== undefined) return { key: stepKeyAt(flow, pos.slice(0, k + 1).map((f, j) => (j === k ? { i: f.i } : f))), index: frame.item };
  }
  return null;
}

/** The first step of a branch's or an item's list, or what follows `pos` when that list is empty. */
export function enter(flow: Flow, pos: Position, frame: Frame): Position | null {
  const inside = [...pos.slice(0, -1), frame];
  return listAt(flow, inside).length > 0 ? [...inside, { i: 0 }] : advance(flow, inside);
}

/**
 * The position after the step at `pos` finished: its next sibling; after a list's last
 * step, the next item of the forEach around it, or the step after the branch or forEach;
 * null when the flow is done.
 */
export function advance(flow: Flow, pos: Position): Position | null {
  let frames = pos.slice();
  for (;;) {
    const last = frames.at(-1)!;
    const parents = frames.slice(0, -1);
    if (last.i + 1 < listAt(flow, parents).length) return [...parents, { i: last.i + 1 }];
    if (parents.length === 0) return null;
    const parent = parents.at(-1)!;
    if (parent.item !== undefined && parent.n !== undefined && parent.item + 1 < parent.n) {
      return enter(flow, parents, { ...parent, item: parent.item + 1 });
    }
    // The branch or forEach is done: carry on after it.
    frames = [...parents.slice(0, -1), { i: parent.i }];
  }
}

/** The position of the step with key `stepKey`, given the item counts of the forEach steps around it; null when there is none. */
export function positionOfKey(flow: Flow, stepKey: string, itemCount: (forEachKey: string) => number | undefined): Position | null {
  const match = /^([^[]+)((?:\[\d+\])*)$/.exec(stepKey);
  if (!match) return null;
  const id = match[1]!;
  const items = [...match[2]!.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  const found = findPath(flow.steps, id, []);
  if (!found) return null;
  // Fill in each forEach frame on the path with the key's item index, in order.
  const pos: Position = [];
  let itemIndex = 0;
  for (const [k, frame] of found.entries()) {
    if (k === found.length - 1) {
      pos.push({ i: frame.i });
      break;
    }
    const here = stepAt(flow, [...pos, { i: frame.i }]);
    if (isForEach(here)) {
      const item = items[itemIndex++];
      const n = itemCount(stepKeyAt(flow, [...pos, { i: frame.i }]));
      if (item === undefined || n === undefined || item >= n) return null;
      pos.push({ i: frame.i, item, n });
    } else {
      pos.push(frame);
    }
  }
  return itemIndex === items.length ? pos : null;
}

/** The frames (index, and branch for branch steps) leading to the step with this id. */
function findPath(list: Step[], id: string, path: Frame[]): Frame[] | null {
  for (const [i, step] of list.entries()) {
    if (step.id === id) return [...path, { i }];
    if (isBranch(step)) {
      for (const [b, branch] of step.branch.entries()) {
        const found = findPath(branch.steps, id, [...path, { i, b }]);
        if (found) return found;
      }
    } else if (isForEach(step)) {
      const found = findPath(step.forEach.steps, id, [...path, { i }]);
      if (found) return found;
    }
  }
  return null;
}
