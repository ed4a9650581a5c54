import { useState } from 'preact/hooks';
import type { DocumentProblem } from '@@/shared/protocol/flows';
import { Button } from '@/components/Button';
import { flowsApi } from '@/lib/flows-api';
import { ProblemList } from '../common/ProblemList';
import { problemsOf } from '../common/problems';
import { navigate } from '../use-hash-route';
import { blankIntegrationYaml } from './blank';

/** Files bigger than a document may be are refused before reading them. */
const maxFileBytes = 256 * 1024;

/** New from a blank document, or imported from a YAML (or JSON) file; either opens the editor. */
export function CreateIntegration() {
  const [busy, setBusy] = useState<'blank' | 'import' | null>(null);
  const [problems, setProblems] = useState<DocumentProblem[]>([]);
  const [fileName, setFileName] = useState<string | null>(null);

  async function create(text: string, how: 'blank' | 'import') {
    setBusy(how);
    setProblems([]);
    try {
      const { integration } = await flowsApi.createIntegration(text);
      navigate({ page: 'integration', id: integration.id, tab: 'edit' });
    } catch (err) {
      setProblems(problemsOf(err));
    } finally {
      setBusy(null);
    }
  }

  async function importFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setFileName(file.name);
    if (file.size > maxFileBytes) {
      setProblems([{ message: `${file.name} is ${Math.ceil(file.size / 1024)} KB; a document may be 256 KB at most.` }]);
      return;
    }
    await create(await file.text(), 'import');
  }

  return (
    <div class="stack">
      <div class="row">
        <Button variant="primary" testid="new-integration" busy={busy === 'blank'} onClick={() => void create(blankIntegrationYaml, 'blank')}>
          New integration
        </Button>
        <label class="btn" aria-busy={busy === 'import' ? true : undefined}>
          {busy === 'import' && <span class="spinner" aria-hidden="true" />}
          Import YAML file
          <input
            type="file"
            accept=".yaml,.yml,.json,application/yaml,application/json"
            class="visually-hidden"
            data-testid="import-file"
            onChange={(e) => void importFile(e.currentTarget)}
          />
        </label>
      </div>
      {problems.length > 0 && (
        <div class="stack" data-testid="create-problems">
          <p class="small">{fileName ? `${fileName} was not imported:` : 'Not created:'}</p>
          <ProblemList problems={problems} testid="create-problem-list" />
        </div>
      )}
    </div>
  );
}
