// Following a `trigger.` path through a sample payload, to refuse at publish a field the
// provider never sends (a typo: `trigger.issue.titel`) instead of failing every run.

/**
 * Why `path` cannot be read from `sample`, or undefined when it can or when the sample
 * cannot tell (a null or an empty list on the way: the real payload may hold more).
 *
 * @example triggerPathProblem({ issue: { title: 'x' } }, ['issue', 'titel'], 'github.issues.opened payload')
 * // 'github.issues.opened payloads have no field "titel" in trigger.issue (did you mean "title"?)…'
 */
export function triggerPathProblem(sample: unknown, path: (string | number)[], sampleName: string, root = 'trigger'): string | undefined {
  let at = sample;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const where = [root, ...path.slice(0, i)].map((p, j) => (typeof p === 'number' ? `[${p}]` : j ? `.${p}` : p)).join('');
    if (at === null || at === undefined) return undefined;
    if (Array.isArray(at)) {
      if (typeof key !== 'number') return `${where} is a list; read its items with an index ([0]) or exists(), map(), filter().`;
      if (at.length === 0) return undefined;
      at = at[0];
      continue;
    }
    if (typeof at !== 'object') return `${where} is ${typeof at === 'string' ? 'text' : `a ${typeof at}`}; it has no field "${key}".`;
    if (typeof key === 'number') return `${where} is a map, not a list.`;
    if (!Object.hasOwn(at, key)) {
      const fields = Object.keys(at);
      const near = closest(key, fields);
      return `${sampleName}s have no field "${key}" in ${where}${near ? ` (did you mean "${near}"?)` : ''}. Fields there: ${fields.join(', ')}. If it is sometimes sent, test for it with has(${where}.${key}).`;
    }
    at = (at as Record<string, unknown>)[key];
  }
  return undefined;
}

/** The field within two edits of `key`, if one is. */
function closest(key: string, fields: string[]): string | undefined {
  let best: { field: string; distance: number } | undefined;
  for (const field of fields) {
    const distance = editDistance(key.toLowerCase(), field.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { field, distance };
  }
  return best?.field;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
