/** Grey placeholder cards while the first answer is on its way. */
export function Skeleton({ testid, label, rows = 2 }: { testid: string; label: string; rows?: number }) {
  return (
    <ul class="list" data-testid={testid} aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <li key={i} class="card skeleton">
          <span class="bone wide" />
          <span class="bone" />
          <span class="bone short" />
        </li>
      ))}
    </ul>
  );
}
