// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionRequest, OutboxItemView } from '@/lib/outbox/types';
import { ActionForm } from './ActionForm';
import { createdUrl } from './ResultLink';
import { useFields } from './use-fields';

const outbox = vi.hoisted(() => ({
  enqueue: vi.fn<(request: ActionRequest) => Promise<{ id: string }>>(),
  watchers: new Map<string, (item: OutboxItemView) => void>(),
}));
vi.mock('../background', () => ({
  background: { enqueue: outbox.enqueue, outboxItems: async () => [] },
  watchOutboxItem: (id: string, onChange: (item: OutboxItemView) => void) => {
    outbox.watchers.set(id, onChange);
    return () => outbox.watchers.delete(id);
  },
}));

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 2_000, interval: 5 });
const shadow = () => document.body;
const q = <T extends Element>(sel: string) => shadow().querySelector<T>(sel)!;

function Note() {
  const fields = useFields({ body: 'Customer call notes' });
  return (
    <ActionForm
      standalone
      testid="note"
      title="Log note"
      onSent={fields.reset}
      build={() => ({ provider: 'hubspot', action: 'create_note', input: { object: 'companies', id: '20002', body: fields.values.body }, label: 'Note' })}
    >
      <textarea data-testid="note-body" value={fields.values.body} onInput={(e) => fields.set('body', e.currentTarget.value)} />
    </ActionForm>
  );
}

/** What Chromium does on a person's click on the submit button: a trusted click, then a trusted submit. */
function personClicksSubmit() {
  const click = new MouseEvent('click', { bubbles: true, cancelable: true });
  Object.defineProperty(click, 'isTrusted', { value: true });
  const button = q<HTMLButtonElement>('[data-testid="note-submit"]');
  if (button.disabled) return;
  button.dispatchEvent(click);
  const submit = new Event('submit', { bubbles: true, cancelable: true });
  Object.defineProperty(submit, 'isTrusted', { value: true });
  q('form').dispatchEvent(submit);
}

const itemView = (id: string, status: OutboxItemView['status'], result?: unknown): OutboxItemView => ({
  id, status, result, label: 'Note', attempts: 1, lastError: status === 'failed' ? 'HubSpot refused it.' : null, nextAttemptAt: null, provider: 'hubspot', action: 'create_note',
});

beforeEach(() => {
  outbox.enqueue.mockReset();
  outbox.watchers.clear();
  render(<Note />, document.body);
});
afterEach(() => render(null, document.body));

describe('ActionForm', () => {
  it('does nothing on a script’s click(), requestSubmit() or dispatched submit', async () => {
    outbox.enqueue.mockResolvedValue({ id: 'item-1' });
    q<HTMLButtonElement>('[data-testid="note-submit"]').click();
    q<HTMLFormElement>('form').requestSubmit();
    q('form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    q('[data-testid="note-submit"]').dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    // A trusted submit with no person's gesture before it (what requestSubmit() gives in a browser).
    const submit = new Event('submit', { bubbles: true, cancelable: true });
    Object.defineProperty(submit, 'isTrusted', { value: true });
    q('form').dispatchEvent(submit);
    await Promise.resolve();
    expect(outbox.enqueue).not.toHaveBeenCalled();
    // The person's own click still works.
    personClicksSubmit();
    await waitFor(() => expect(outbox.enqueue).toHaveBeenCalledOnce());
  });

  it('one submission is one key; the button stays locked (disabled, aria-busy) until it is sent; then the form resets and links what was created', async () => {
    outbox.enqueue.mockResolvedValue({ id: 'item-1' });
    personClicksSubmit();
    personClicksSubmit();
    personClicksSubmit();
    await waitFor(() => expect(outbox.watchers.has('item-1')).toBe(true));
    const button = q<HTMLButtonElement>('[data-testid="note-submit"]');
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    personClicksSubmit();
    expect(outbox.enqueue).toHaveBeenCalledOnce();
    expect(outbox.enqueue.mock.calls[0]![0].idempotencyKey).toMatch(/^weft-[0-9a-f-]{36}$/);

    const textarea = q<HTMLTextAreaElement>('[data-testid="note-body"]');
    textarea.value = 'Edited';
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    outbox.watchers.get('item-1')!(itemView('item-1', 'sending'));
    await waitFor(() => expect(q('[data-testid="weft-action-state"]').getAttribute('data-status')).toBe('sending'));
    expect(button.disabled).toBe(true);
    outbox.watchers.get('item-1')!(itemView('item-1', 'done', { number: 7, url: 'https://github.com/octocat/hello-world/issues/7' }));
    // Sent: the fields reset at once; the button holds a moment longer, so the rest of a click burst is not a new submission.
    await waitFor(() => expect(q<HTMLTextAreaElement>('[data-testid="note-body"]').value).toBe('Customer call notes'));
    expect(button.disabled).toBe(true);
    personClicksSubmit();
    expect(outbox.enqueue).toHaveBeenCalledOnce();
    await waitFor(() => expect(button.disabled).toBe(false));
    expect(button.hasAttribute('aria-busy')).toBe(false);
    expect(q<HTMLTextAreaElement>('[data-testid="note-body"]').value).toBe('Customer call notes');
    const link = q<HTMLAnchorElement>('[data-testid="weft-action-result-link"]');
    expect(link.textContent).toBe('https://github.com/octocat/hello-world/issues/7');
    expect(link.getAttribute('href')).toBe('https://github.com/octocat/hello-world/issues/7');

    // The next submission is a new key.
    outbox.enqueue.mockResolvedValue({ id: 'item-2' });
    personClicksSubmit();
    await waitFor(() => expect(outbox.enqueue).toHaveBeenCalledTimes(2));
    expect(outbox.enqueue.mock.calls[1]![0].idempotencyKey).not.toBe(outbox.enqueue.mock.calls[0]![0].idempotencyKey);
  });

  it('a hand-over to the background that failed is resent with the same key; a failed item unlocks for a new submission', async () => {
    outbox.enqueue.mockRejectedValueOnce(new Error('Weft was updated — reload the page.')).mockResolvedValue({ id: 'item-1' });
    personClicksSubmit();
    await waitFor(() => expect(q('.error').textContent).toContain('reload the page'));
    personClicksSubmit();
    await waitFor(() => expect(outbox.enqueue).toHaveBeenCalledTimes(2));
    expect(outbox.enqueue.mock.calls[1]![0].idempotencyKey).toBe(outbox.enqueue.mock.calls[0]![0].idempotencyKey);
    await waitFor(() => expect(outbox.watchers.has('item-1')).toBe(true));
    outbox.watchers.get('item-1')!(itemView('item-1', 'failed'));
    await waitFor(() => expect(q<HTMLButtonElement>('[data-testid="note-submit"]').disabled).toBe(false));
    expect(q('[data-testid="weft-action-state"]').textContent).toBe('Failed: HubSpot refused it.');
  });
});

describe('createdUrl', () => {
  it('takes an https url or permalink from a result, nothing else', () => {
    expect(createdUrl({ url: 'https://github.com/o/r/issues/1' })).toBe('https://github.com/o/r/issues/1');
    expect(createdUrl({ channel: 'C1', ts: '1.2', permalink: 'https://weft.slack.com/archives/C1/p12' })).toBe('https://weft.slack.com/archives/C1/p12');
    for (const bad of [{ url: 'javascript:alert(1)' }, { url: 'http://example.com/x' }, { url: 'data:text/html,hi' }, { url: 42 }, { id: '1' }, null, 'https://x.test'])
      expect(createdUrl(bad)).toBeNull();
  });
});
