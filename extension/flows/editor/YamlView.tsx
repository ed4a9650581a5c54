import { useRef } from 'preact/hooks';
import type { DocumentProblem } from '@@/shared/protocol/flows';
import { ProblemList } from '../common/ProblemList';
import { offsetOf } from './text-position';

type Props = { text: string; problems: DocumentProblem[]; onInput: (text: string) => void };

/** The document as YAML, checked as it is typed; each problem names its line:column and puts the cursor there. */
export function YamlView({ text, problems, onInput }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  function jump(p: DocumentProblem) {
    const el = area.current;
    if (!el || !p.line) return;
    const at = offsetOf(el.value, p.line, p.column);
    el.focus();
    el.setSelectionRange(at, at);
  }
  return (
    <div class="stack" data-testid="yaml-view">
      <ProblemList problems={problems} testid="yaml-problems" onJump={jump} />
      <textarea
        ref={area}
        class="code yaml"
        aria-label="Integration as YAML"
        spellcheck={false}
        wrap="off"
        data-testid="yaml-text"
        value={text}
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={(e) => {
          // Tab indents (two spaces, as YAML wants) instead of leaving the editor.
          if (e.key !== 'Tab' || e.shiftKey) return;
          e.preventDefault();
          e.currentTarget.setRangeText('  ', e.currentTarget.selectionStart, e.currentTarget.selectionEnd, 'end');
          onInput(e.currentTarget.value);
        }}
      />
    </div>
  );
}
