// Reads a Chrome trace recorded with the `disabled-by-default-v8.cpu_profiler` category and
// attributes the renderer's sampled CPU time: a sample counts for the content script when
// any frame on its stack comes from a script whose URL starts with `scriptPrefix` (so the
// Preact render, the promise continuations and the DOM calls it makes count, whoever
// called them). Style, layout and paint that run after the script has returned are
// "(program)": counted as busy, not attributed.

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url?: string };
}

interface TraceEvent {
  name?: string;
  id?: string;
  pid?: number;
  args?: { data?: { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } };
}

export interface Attribution {
  /** Sampled time with a frame of the content script on the stack. */
  scriptMs: number;
  /** Every sample that was not idle, in the profiles that ran the content script. */
  busyMs: number;
}

export function attributeToScript(trace: Buffer | string, scriptPrefix: string): Attribution {
  const parsed = JSON.parse(trace.toString()) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  // One profile per thread profiled (`pid` + `id`); its chunks arrive in order.
  const profiles = new Map<string, { nodes: Map<number, ProfileNode>; samples: number[]; deltas: number[] }>();
  for (const event of events) {
    if (event.name !== 'ProfileChunk') continue;
    const key = `${event.pid}:${event.id}`;
    const profile = profiles.get(key) ?? { nodes: new Map<number, ProfileNode>(), samples: [] as number[], deltas: [] as number[] };
    profiles.set(key, profile);
    const data = event.args?.data;
    for (const node of data?.cpuProfile?.nodes ?? []) profile.nodes.set(node.id, node);
    profile.samples.push(...(data?.cpuProfile?.samples ?? []));
    profile.deltas.push(...(data?.timeDeltas ?? []));
  }

  let scriptUs = 0;
  let busyUs = 0;
  for (const { nodes, samples, deltas } of profiles.values()) {
    const fromScript = new Map<number, boolean>();
    const isFromScript = (id: number): boolean => {
      const known = fromScript.get(id);
      if (known !== undefined) return known;
      const node = nodes.get(id);
      const answer = node === undefined ? false : (node.callFrame.url?.startsWith(scriptPrefix) ?? false) || (node.parent !== undefined && isFromScript(node.parent));
      fromScript.set(id, answer);
      return answer;
    };
    let script = 0;
    let busy = 0;
    // timeDeltas[k] is the time from sample k-1 to sample k: sample k lasted until k+1.
    for (let k = 0; k + 1 < samples.length; k++) {
      const id = samples[k]!;
      const lasted = deltas[k + 1] ?? 0;
      if (nodes.get(id)?.callFrame.functionName === '(idle)') continue;
      busy += lasted;
      if (isFromScript(id)) script += lasted;
    }
    if (script > 0) {
      scriptUs += script;
      busyUs += busy;
    }
  }
  return { scriptMs: scriptUs / 1000, busyMs: busyUs / 1000 };
}
