import { expect, it } from 'vitest';
import { attributeToScript } from './content-script-trace';

const SCRIPT = 'chrome-extension://abc/content-scripts/';
const frame = (id: number, functionName: string, parent?: number, url?: string) => ({ id, parent, callFrame: { functionName, url } });

/** A renderer's profile in two chunks, as Chrome writes it: nodes, sample ids, and microseconds since the previous sample. */
const trace = (pid: number, samples: number[], deltas: number[]) => [
  { name: 'Profile', id: '0x1', pid },
  {
    name: 'ProfileChunk', id: '0x1', pid,
    args: { data: {
      cpuProfile: {
        nodes: [
          frame(1, '(root)'), frame(2, '(program)', 1), frame(3, '(idle)', 1),
          frame(4, 'render', 1, `${SCRIPT}github.js`),
          // Called by the content script, from no script of its own (a DOM method): still the script's.
          frame(5, 'createElementNS', 4),
          frame(6, 'pageCode', 1, 'https://github.com/assets/app.js'),
        ],
        samples: samples.slice(0, 3),
      },
      timeDeltas: deltas.slice(0, 3),
    } },
  },
  { name: 'ProfileChunk', id: '0x1', pid, args: { data: { cpuProfile: { samples: samples.slice(3) }, timeDeltas: deltas.slice(3) } } },
];

it("counts every sample with the content script on its stack, callees included, and nobody else's", () => {
  // Samples: program 1 ms, render 2 ms, createElementNS 3 ms, page 4 ms, idle 50 ms, (last: no duration).
  const events = trace(7, [2, 4, 5, 6, 3, 2], [0, 1000, 2000, 3000, 4000, 50_000]);
  expect(attributeToScript(JSON.stringify({ traceEvents: events }), SCRIPT)).toEqual({ scriptMs: 5, busyMs: 10 });
});

it('leaves out profiles in which the content script never ran (another renderer, the page without the extension)', () => {
  const events = [...trace(7, [4, 2], [0, 1000, 1]), ...trace(8, [6, 2, 3], [0, 9000, 9000, 1])];
  expect(attributeToScript(JSON.stringify(events), SCRIPT)).toEqual({ scriptMs: 1, busyMs: 1 });
});
