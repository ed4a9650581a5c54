/** A value from a run (trigger data, a step's input or output) as indented JSON text, never markup. */
export function JsonBlock({ value, testid }: { value: unknown; testid: string }) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <pre class="code" data-testid={testid}>
      {text ?? 'null'}
    </pre>
  );
}
