import type { DocumentProblem } from '@@/shared/protocol/flows';
import { describeProblem } from './problems';

type Props = { problems: DocumentProblem[]; testid: string; onJump?: (p: DocumentProblem) => void };

/** A document's problems, each at its line:column; with `onJump`, clicking one puts the cursor there. */
export function ProblemList({ problems, testid, onJump }: Props) {
  if (problems.length === 0) return null;
  return (
    <ul class="problems" data-testid={testid} role="alert">
      {problems.map((p, i) => (
        <li key={i} data-testid="problem" data-line={p.line} data-column={p.column}>
          {onJump && p.line ? (
            <button type="button" onClick={() => onJump(p)}>
              {describeProblem(p)}
            </button>
          ) : (
            describeProblem(p)
          )}
        </li>
      ))}
    </ul>
  );
}
