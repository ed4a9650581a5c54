import { useState } from 'preact/hooks';
import { parse as parseYaml } from 'yaml';
import type { IntegrationDocument } from '@@/shared/flows/document';
import { parseIntegrationText, toYaml } from '@@/shared/flows/parse';
import type { DocumentProblem, IntegrationDetail } from '@@/shared/protocol/flows';
import { Button } from '@/components/Button';
import { Notice } from '@/components/Notice';
import { flowsApi } from '@/lib/flows-api';
import { ProblemList } from '../common/ProblemList';
import { problemsOf } from '../common/problems';
import { DocsView } from './DocsView';
import { edited, type EditDoc } from './edit-doc';
import { FormView } from './FormView';
import { useLeaveGuard } from './use-leave-guard';
import { patchYaml, same } from './yaml-patch';
import { YamlView } from './YamlView';

type View = 'form' | 'yaml' | 'docs';
type Props = { integration: IntegrationDetail; onSaved: (integration: IntegrationDetail) => void };

/**
 * The draft, as a form, as YAML, and its docs. The YAML text is what is saved (`PUT
 * …/draft`) and opened again (`draftYaml`), so the server's line:column point into the
 * text shown and its comments outlive a reload; a form edit is written
 * into that text (yaml-patch.ts), so its comments and layout survive, and only when the
 * text cannot take it as written (anchors, aliases) is the text written out again from the
 * document, which the editor says once. While the YAML does not parse, the form is closed:
 * it would show a document that is not the text.
 */
export function Editor({ integration, onSaved }: Props) {
  // As last saved in YAML, comments and all; written out from the document when it was saved as JSON.
  const [text, setText] = useState(() => integration.draftYaml ?? toYaml(integration.draft));
  const [savedText, setSavedText] = useState(text);
  const [doc, setDoc] = useState<IntegrationDocument>(integration.draft);
  const [problems, setProblems] = useState<DocumentProblem[]>([]);
  const [parses, setParses] = useState(true);
  const [view, setView] = useState<View>('form');
  const [saving, setSaving] = useState(false);
  const [savedNotice, setSavedNotice] = useState(false);
  /** A form edit had to write the YAML out again (its comments lost): said once, until dismissed. */
  const [rewritten, setRewritten] = useState<'never' | 'shown' | 'dismissed'>('never');
  const dirty = text !== savedText;

  useLeaveGuard(dirty, integration.id);

  function check(next: string) {
    const parsed = parseIntegrationText(next, 'application/yaml');
    setParses(parsed.ok);
    setProblems(parsed.ok ? [] : parsed.errors);
    return parsed;
  }

  const edit: EditDoc = (recipe) => {
    const next = edited(doc, recipe);
    const patched = patchYaml(text, doc, next);
    const nextText = patched !== undefined && holds(patched, next) ? patched : toYaml(next);
    if (nextText !== patched && text !== toYaml(doc) && rewritten === 'never') setRewritten('shown');
    setDoc(next);
    setText(nextText);
    setSavedNotice(false);
    // The form can make a document the schema refuses (an empty name): say so, keep the form open.
    const parsed = parseIntegrationText(nextText, 'application/yaml');
    setProblems(parsed.ok ? [] : parsed.errors);
    setParses(true);
  };

  function typeYaml(next: string) {
    setText(next);
    setSavedNotice(false);
    const parsed = check(next);
    if (parsed.ok) setDoc(parsed.document);
  }

  async function save() {
    setSaving(true);
    try {
      const { integration: saved } = await flowsApi.saveDraft(integration.id, text);
      setSavedText(text);
      setProblems([]);
      setSavedNotice(true);
      onSaved(saved);
    } catch (err) {
      const found = problemsOf(err);
      setProblems(found);
      if (found.some((p) => p.line)) setView('yaml');
    } finally {
      setSaving(false);
    }
  }

  return (
    <section class="stack" data-testid="editor">
      <div class="row-head">
        <div class="tabs" role="tablist" aria-label="Editor view">
          {(['form', 'yaml', 'docs'] as const).map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={view === v}
              data-testid={`view-${v}`}
              disabled={v !== 'yaml' && !parses}
              title={v !== 'yaml' && !parses ? 'Fix the YAML first' : undefined}
              onClick={() => setView(v)}
            >
              {v === 'form' ? 'Form' : v === 'yaml' ? 'YAML' : 'Docs'}
            </button>
          ))}
        </div>
        <span class="row">
          {dirty ? <span class="muted small" data-testid="editor-dirty">Unsaved changes</span> : savedNotice && <span class="result ok" data-testid="editor-saved">Draft saved</span>}
          <Button variant="primary" testid="save-draft" busy={saving} disabled={!dirty || !parses} onClick={() => void save()}>
            Save draft
          </Button>
        </span>
      </div>
      {view === 'yaml' ? (
        <YamlView text={text} problems={problems} onInput={typeYaml} />
      ) : (
        <>
          {rewritten === 'shown' && (
            <Notice kind="info" testid="yaml-rewritten" onDismiss={() => setRewritten('dismissed')}>
              This edit could not be written into your YAML as it is laid out (it uses anchors, aliases or merge keys there), so the YAML was written out again from the form, without its comments.
            </Notice>
          )}
          {problems.length > 0 && (
            <Notice kind="error" testid="form-problems">
              <p>The draft cannot be saved like this:</p>
              <ProblemList problems={problems} testid="form-problem-list" />
            </Notice>
          )}
          {view === 'form' ? <FormView doc={doc} edit={edit} /> : <DocsView docs={doc.docs ?? ''} onInput={(docs) => edit((d) => void (d.docs = docs === '' ? undefined : docs))} />}
        </>
      )}
    </section>
  );
}

/**
 * Whether `text` reads as `doc` (labels compared lower-cased, as the schema stores them):
 * a patched text is kept only when it says exactly what the form meant.
 */
function holds(text: string, doc: IntegrationDocument): boolean {
  const lower = (v: unknown) => (v && typeof v === 'object' && Array.isArray((v as { labels?: unknown }).labels) ? { ...v, labels: (v as { labels: unknown[] }).labels.map((l) => (typeof l === 'string' ? l.toLowerCase() : l)) } : v);
  try {
    return same(lower(parseYaml(text)), lower(doc));
  } catch {
    return false;
  }
}
