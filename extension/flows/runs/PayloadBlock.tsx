import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { Button } from '@/components/Button';
import { previewOf } from './payload-preview';

type Props = { label: string; value: unknown; testid: string; children?: ComponentChildren };

/**
 * A value from a run (trigger data, a step's input or output), closed: its label and a
 * summary line ("4 fields: action, issue, … · 48 KB"). Opened, the first 2 KB of its
 * JSON as text, never markup, with "Show all (48 KB)" when there is more. Values the
 * server redacted arrive as "[redacted]" and are shown as such.
 */
export function PayloadBlock({ label, value, testid, children }: Props) {
  const shown = useMemo(() => previewOf(value), [value]);
  const [all, setAll] = useState(false);
  return (
    <details data-testid={testid}>
      <summary>
        {label} <span class="muted small" data-testid={`${testid}-summary`}>{shown.summary}</span>
      </summary>
      <div class="stack">
        {children}
        <pre class="code" data-testid={`${testid}-text`}>
          {all || !shown.cut ? shown.text : `${shown.preview}\n…`}
        </pre>
        {shown.cut && !all && (
          <div>
            <Button variant="link" testid={`${testid}-all`} onClick={() => setAll(true)}>
              Show all ({shown.size})
            </Button>
          </div>
        )}
      </div>
    </details>
  );
}
