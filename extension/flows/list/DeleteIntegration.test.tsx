// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { detail, instance } from '../fixtures';
import { allByTestId, byTestId, click, mount, waitFor } from '../testing';
import { DeleteIntegration } from './DeleteIntegration';

const api = vi.hoisted(() => ({ integration: vi.fn(), deleteIntegration: vi.fn() }));
vi.mock('@/lib/flows-api', () => ({ flowsApi: api }));

let view: ReturnType<typeof mount>;
afterEach(() => view.unmount());

describe('deleting an integration', () => {
  it('names every instance it removes before it can be confirmed, then deletes', async () => {
    const instances = [instance('i1', 'Acme urgent bugs'), instance('i2', 'Beta <b>urgent</b>')];
    api.integration.mockResolvedValue({ integration: detail({ instances }) });
    api.deleteIntegration.mockResolvedValue({ deleted: true, instancesRemoved: instances.map(({ id, name }) => ({ id, name })) });
    const onDeleted = vi.fn();
    view = mount(<DeleteIntegration integration={detail()} onDeleted={onDeleted} onCancel={() => {}} />);
    expect((byTestId(view.root, 'integration-confirm-delete') as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect(allByTestId(view.root, 'delete-instance-name').map((li) => li.textContent)).toEqual(['Acme urgent bugs', 'Beta <b>urgent</b>']));
    // A name is text, never markup.
    expect(view.root.querySelector('[data-testid="delete-instances"] b')).toBeNull();
    await click(byTestId(view.root, 'integration-confirm-delete'));
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(api.deleteIntegration).toHaveBeenCalledWith('int1');
  });

  it('says so when nothing is deployed', async () => {
    api.integration.mockResolvedValue({ integration: detail() });
    view = mount(<DeleteIntegration integration={detail()} onDeleted={() => {}} onCancel={() => {}} />);
    await waitFor(() => expect(byTestId(view.root, 'delete-no-instances')).not.toBeNull());
  });
});
