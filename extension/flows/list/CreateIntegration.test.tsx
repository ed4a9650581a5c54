// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api-error';
import { detail } from '../fixtures';
import { allByTestId, byTestId, click, mount, settle, waitFor } from '../testing';
import { blankIntegrationYaml } from './blank';
import { CreateIntegration } from './CreateIntegration';

const api = vi.hoisted(() => ({ createIntegration: vi.fn() }));
vi.mock('@/lib/flows-api', () => ({ flowsApi: api }));

let view: ReturnType<typeof mount>;
beforeEach(() => {
  location.hash = '';
  api.createIntegration.mockReset();
  view = mount(<CreateIntegration />);
});
afterEach(() => view.unmount());

/** What choosing a file in the picker does: the input holds it, then `change`. */
async function chooseFile(file: File) {
  const input = byTestId<HTMLInputElement>(view.root, 'import-file')!;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await settle();
}

describe('creating an integration', () => {
  it('New sends the blank document and opens its editor', async () => {
    api.createIntegration.mockResolvedValue({ integration: detail({ id: 'new1' }) });
    await click(byTestId(view.root, 'new-integration'));
    await waitFor(() => expect(location.hash).toBe('#/integrations/new1'));
    expect(api.createIntegration).toHaveBeenCalledWith(blankIntegrationYaml);
  });

  it('an imported file is sent as it is; the server’s problems are listed at line:column, naming the file', async () => {
    api.createIntegration.mockRejectedValue(
      new ApiError(400, 'invalid_document', 'The document is not valid.', undefined, {
        code: 'invalid_document',
        message: 'The document is not valid.',
        problems: [{ message: 'Flows should have at least 1 item.', path: ['flows'], line: 3, column: 8 }],
      }),
    );
    await chooseFile(new File(['weft: integration/v1\nname: Mine\nflows: []\n'], 'mine.yaml', { type: 'application/yaml' }));
    await waitFor(() => expect(allByTestId(view.root, 'problem').map((p) => p.textContent)).toEqual(['line 3, column 8: Flows should have at least 1 item.']));
    expect(api.createIntegration).toHaveBeenCalledWith('weft: integration/v1\nname: Mine\nflows: []\n');
    expect(byTestId(view.root, 'create-problems')?.textContent).toContain('mine.yaml was not imported');
    expect(location.hash).toBe('');
  });

  it('a file larger than a document may be is refused before it is sent', async () => {
    await chooseFile(new File(['x'.repeat(300 * 1024)], 'huge.yaml'));
    await waitFor(() => expect(allByTestId(view.root, 'problem')[0]?.textContent).toMatch(/huge\.yaml is 300 KB/));
    expect(api.createIntegration).not.toHaveBeenCalled();
  });
});
