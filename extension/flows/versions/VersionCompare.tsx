import { useMemo, useState } from 'preact/hooks';
import { toYaml } from '@@/shared/flows/parse';
import { ErrorState } from '@/components/ErrorState';
import { useRemote } from '@/hooks/use-remote';
import { flowsApi } from '@/lib/flows-api';
import { collapse, lineDiff } from '../line-diff';

type Props = { integrationId: string; versions: number[] };

/**
 * Two versions' documents, each written out as YAML the same way, line by line: what was
 * removed, added and kept. The documents, not the texts they were published from: a
 * version keeps its author's comments and layout for viewing and export, but only what the
 * document says is compared (as its content hash does), so a reformatted list or a moved
 * comment is not a change.
 */
export function VersionCompare({ integrationId, versions }: Props) {
  const [from, setFrom] = useState(versions[1]!);
  const [to, setTo] = useState(versions[0]!);
  const yamlOf = async (n: number) => toYaml((await flowsApi.version(integrationId, n)).version.document);
  const texts = useRemote(() => Promise.all([yamlOf(from), yamlOf(to)]), [integrationId, from, to]);
  const diff = useMemo(() => texts.data && lineDiff(texts.data[0], texts.data[1]), [texts.data]);
  const removed = diff?.filter((l) => l.kind === 'removed').length ?? 0;
  const added = diff?.filter((l) => l.kind === 'added').length ?? 0;
  const shown = useMemo(() => diff && collapse(diff, 3), [diff]);

  const picker = (label: string, value: number, set: (n: number) => void, testid: string) => (
    <label class="row">
      <span class="muted small">{label}</span>
      <select value={String(value)} data-testid={testid} onChange={(e) => set(Number(e.currentTarget.value))}>
        {versions.map((n) => (
          <option key={n} value={String(n)}>
            v{n}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div class="stack" data-testid="version-compare">
      <h3>Compare</h3>
      <div class="row">
        {picker('From', from, setFrom, 'diff-from')}
        {picker('to', to, setTo, 'diff-to')}
        {diff && (
          <span class="muted small" data-testid="diff-summary">
            {removed + added === 0 ? 'The same document.' : `${removed === 1 ? '1 line' : `${removed} lines`} removed, ${added} added`}
          </span>
        )}
      </div>
      {texts.error && <ErrorState testid="diff-error" message={texts.error} retrying={texts.loading} onRetry={() => void texts.reload()} />}
      {shown && removed + added > 0 && (
        <ol class="diff" data-testid="diff" aria-label={`Changes from v${from} to v${to}`}>
          {shown.map((l, i) =>
            l.kind === 'gap' ? (
              <li key={i} class="gap" data-kind="gap">
                <span class="num" />
                <span class="num" />
                <span />
                <span>{l.count === 1 ? '… 1 unchanged line' : `… ${l.count} unchanged lines`}</span>
              </li>
            ) : (
              <li key={i} class={l.kind} data-kind={l.kind}>
                <span class="num">{l.oldLine ?? ''}</span>
                <span class="num">{l.newLine ?? ''}</span>
                <span aria-hidden="true">{l.kind === 'added' ? '+' : l.kind === 'removed' ? '−' : ' '}</span>
                <span>{l.text}</span>
              </li>
            ),
          )}
        </ol>
      )}
    </div>
  );
}
