import { useEffect, useState } from 'preact/hooks';
import { Button } from './Button';

/** Copies `text`; says so for a moment, or asks to copy by hand when the clipboard refuses. */
export function CopyButton({ text, testid, label = 'Copy' }: { text: string; testid: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2_000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <Button testid={testid} onClick={() => void copy()} title={state === 'failed' ? 'Select the text and copy it by hand' : undefined}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </Button>
  );
}
