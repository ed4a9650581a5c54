import { useState } from 'preact/hooks';
import { Markdown } from '../markdown';

/** The integration's notes: written as markdown, previewed as elements (never raw HTML). */
export function DocsView({ docs, onInput }: { docs: string; onInput: (docs: string) => void }) {
  const [mode, setMode] = useState<'edit' | 'preview'>('edit');
  return (
    <div class="stack" data-testid="docs-view">
      <div class="tabs" role="tablist" aria-label="Docs">
        <button type="button" role="tab" aria-selected={mode === 'edit'} data-testid="docs-edit" onClick={() => setMode('edit')}>
          Edit
        </button>
        <button type="button" role="tab" aria-selected={mode === 'preview'} data-testid="docs-preview" onClick={() => setMode('preview')}>
          Preview
        </button>
      </div>
      {mode === 'edit' ? (
        <textarea class="code yaml" aria-label="Docs (markdown)" data-testid="docs-text" value={docs} placeholder="# How this works&#10;&#10;Who to ask, what each config value is for…" onInput={(e) => onInput(e.currentTarget.value)} />
      ) : docs.trim() ? (
        <Markdown source={docs} />
      ) : (
        <p class="muted">No docs yet.</p>
      )}
    </div>
  );
}
