import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { vi } from 'vitest';

/** Helpers for the Flows page's component tests (happy-dom): mount, find, type, click, wait. */
export function mount(ui: ComponentChild): { root: HTMLElement; unmount: () => void } {
  const root = document.createElement('div');
  document.body.append(root);
  render(ui, root);
  return {
    root,
    unmount: () => {
      // In act: Preact runs an unmounted component's effect cleanups after the next paint,
      // and a test that starts before then would still see the last one's listeners (the
      // editor's leave guard asked on a link of the next test's fresh editor).
      act(() => render(null, root));
      root.remove();
    },
  };
}

export const byTestId = <T extends Element = HTMLElement>(root: ParentNode, id: string) => root.querySelector<T>(`[data-testid="${id}"]`);
export const allByTestId = <T extends Element = HTMLElement>(root: ParentNode, id: string) => [...root.querySelectorAll<T>(`[data-testid="${id}"]`)];

/** Lets Preact render what the last event changed (it batches state updates). */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** What a person typing does: the value changes, then `input` (and `change`, as leaving the field does). */
export async function type(el: Element | null, value: string): Promise<void> {
  const field = el as HTMLInputElement;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
  await settle();
}

export async function choose(el: Element | null, value: string): Promise<void> {
  const select = el as HTMLSelectElement;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await settle();
}

export async function click(el: Element | null): Promise<void> {
  (el as HTMLElement).click();
  await settle();
}

export async function submit(form: Element | null): Promise<void> {
  form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  await settle();
}

export const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 2_000, interval: 5 });
