// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api-error';
import { makeConnection } from '@/lib/testing/events';
import { allByTestId, byTestId, click, mount, waitFor } from '@/flows/testing';
import { DeleteConfirm } from './DeleteConfirm';

const api = vi.hoisted(() => ({ deleteConnection: vi.fn() }));
vi.mock('@/lib/api', () => ({ api }));
vi.mock('@/lib/cache', () => ({ forgetConnection: vi.fn(async () => {}) }));

let view: ReturnType<typeof mount>;
afterEach(() => {
  view.unmount();
  api.deleteConnection.mockReset();
});

const inUse = new ApiError(409, 'connection_in_use', 'Work is used by 2 flows: Alerts, Triage <b>now</b>. Deleting it pauses them; confirm to delete anyway.', undefined, {
  code: 'connection_in_use',
  message: 'Work is used by 2 flows.',
  instances: [{ id: 'fin_1', name: 'Alerts' }, { id: 'fin_2', name: 'Triage <b>now</b>' }],
});

describe('deleting a connection', () => {
  it('one that flows use: names them at the first confirm, deletes (force) and pauses them only at the second', async () => {
    api.deleteConnection.mockRejectedValueOnce(inUse).mockResolvedValueOnce({ deleted: true, revoked: true, message: 'Deleted Work.' });
    const onDeleted = vi.fn();
    view = mount(<DeleteConfirm connection={makeConnection({ name: 'Work' })} providerName="GitHub" onDeleted={onDeleted} onCancel={() => {}} />);

    await click(byTestId(view.root, 'confirm-delete'));
    await waitFor(() => expect(allByTestId(view.root, 'delete-used-by-name').map((li) => li.textContent)).toEqual(['Alerts', 'Triage <b>now</b>']));
    expect(view.root.querySelector('[data-testid="delete-used-by"] b')).toBeNull();
    expect(byTestId(view.root, 'confirm-delete')!.textContent).toBe('Delete and pause 2 flows');
    expect(onDeleted).not.toHaveBeenCalled();
    expect(api.deleteConnection).toHaveBeenLastCalledWith(expect.any(String), { force: false });

    await click(byTestId(view.root, 'confirm-delete'));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledWith('Deleted Work.'));
    expect(api.deleteConnection).toHaveBeenLastCalledWith(expect.any(String), { force: true });
  });

  it('one a flow uses only for its failure alert: says the alert is turned off, not that the flow pauses', async () => {
    api.deleteConnection.mockRejectedValueOnce(new ApiError(409, 'connection_in_use', 'Slack is used by 2 flows.', undefined, {
      code: 'connection_in_use',
      message: 'Slack is used by 2 flows.',
      instances: [{ id: 'fin_1', name: 'Alerts' }, { id: 'fin_2', name: 'Triage', alertOnly: true }],
    }));
    view = mount(<DeleteConfirm connection={makeConnection({ name: 'Slack' })} providerName="Slack" onDeleted={() => {}} onCancel={() => {}} />);
    await click(byTestId(view.root, 'confirm-delete'));
    await waitFor(() => expect(allByTestId(view.root, 'delete-used-by-name').map((li) => li.textContent)).toEqual(['Alerts', 'Triage (its failure alert only)']));
    expect(byTestId(view.root, 'delete-used-by')!.textContent).toContain('2 flows use it; deleting it pauses one until you choose another connection and turns off a failure alert:');
    expect(byTestId(view.root, 'confirm-delete')!.textContent).toBe('Delete and pause the flow');
  });

  it('one no flow uses is deleted at the first confirm', async () => {
    api.deleteConnection.mockResolvedValueOnce({ deleted: true, revoked: false, message: 'Deleted Work.' });
    const onDeleted = vi.fn();
    view = mount(<DeleteConfirm connection={makeConnection({ name: 'Work' })} providerName="GitHub" onDeleted={onDeleted} onCancel={() => {}} />);
    await click(byTestId(view.root, 'confirm-delete'));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledWith('Deleted Work.'));
    expect(api.deleteConnection).toHaveBeenCalledTimes(1);
    expect(byTestId(view.root, 'delete-used-by')).toBeNull();
  });
});
