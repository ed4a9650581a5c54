// @vitest-environment happy-dom
import { afterEach, expect, it, vi } from 'vitest';
import { makeConnection } from '@/lib/testing/events';
import { byTestId, mount } from '@/flows/testing';
import { ConnectionRow } from './ConnectionRow';

vi.mock('./ConnectionActions', () => ({ ConnectionActions: () => null }));

let view: ReturnType<typeof mount>;
afterEach(() => view.unmount());

it.each([
  [2, 'Used by 2 flows'],
  [1, 'Used by 1 flow'],
  [0, null],
  [undefined, null],
])('a connection %s flows use says so: %s', (instanceCount, text) => {
  view = mount(<ConnectionRow connection={makeConnection({ instanceCount })} provider={undefined} onNotice={() => {}} />);
  expect(byTestId(view.root, 'connection-flows')?.textContent ?? null).toBe(text);
});
