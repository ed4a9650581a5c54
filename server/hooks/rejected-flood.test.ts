import { statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { standardWebhookHeaders } from '../../test/support/webhook-signing';
import type { RunningWeft } from '../start';
import { makeEndpoint, signUpLive, startLiveWeft } from '../testing/live-server';
import { REJECTED_ROWS_PER_HOUR, REJECTIONS_PER_SOURCE } from './rejections';

let weft: RunningWeft | undefined;
afterEach(async () => weft?.close());

const FLOOD = 2_000;
const PARALLEL = 20;

/** Sizes of the database file and its WAL (the WAL is reused after each checkpoint, so it stays bounded). */
const dataBytes = (dir: string) => {
  const size = (f: string) => {
    try {
      return statSync(path.join(dir, f)).size;
    } catch {
      return 0;
    }
  };
  return { db: size('weft.db'), wal: size('weft.db-wal') };
};

describe('a stranger flooding an endpoint with forged webhooks', () => {
  it(`${FLOOD} forged requests on loopback: rows stop at the cap, the address gets 429s, valid webhooks still land, the owner sees a count`, async () => {
    const live = await startLiveWeft();
    weft = live.weft;
    const ada = await signUpLive(live.url, 'ada@example.com');
    const { id, secret } = await makeEndpoint(live.url, ada.token, true);
    const url = `${live.url}/hooks/custom/${id}`;
    const { db } = live.weft.deps;
    const bytesBefore = dataBytes(live.dataDir);

    const statuses = new Map<number, number>();
    const accepted: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < FLOOD) {
          const n = next++;
          const body = JSON.stringify({ title: `forged ${n}`, padding: 'x'.repeat(400) });
          const res = await fetch(url, { method: 'POST', body, headers: standardWebhookHeaders('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', body, `msg_forged_${n}`) });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
          await res.arrayBuffer();
          // The real sender, from the same address, in the middle of the flood.
          if (n % 500 === 250) {
            const good = JSON.stringify({ title: `genuine ${n}` });
            accepted.push((await fetch(url, { method: 'POST', body: good, headers: standardWebhookHeaders(secret!, good, `msg_genuine_${n}`) })).status);
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const health = await fetch(`${live.url}/health`);
    const bytesAfter = dataBytes(live.dataDir);

    const rejectedRows = (await db.selectFrom('deliveries').select('id').where('status', '=', 'rejected').execute()).length;
    console.log(
      `flood: ${FLOOD} forged requests in ${seconds.toFixed(2)} s (${Math.round(FLOOD / seconds)} req/s, ${PARALLEL} in parallel); ` +
        `statuses ${JSON.stringify(Object.fromEntries(statuses))}; rejected rows written ${rejectedRows}; ` +
        `weft.db ${bytesBefore.db} → ${bytesAfter.db} bytes, WAL ${bytesBefore.wal} → ${bytesAfter.wal} bytes`,
    );

    expect(health.status).toBe(200);
    expect(accepted).toEqual([202, 202, 202, 202]);
    expect(await db.selectFrom('events').select('id').where('type', 'like', 'custom.%').execute()).toHaveLength(4);
    expect(rejectedRows).toBe(REJECTED_ROWS_PER_HOUR);
    expect(statuses.get(401)).toBe(REJECTIONS_PER_SOURCE);
    expect(statuses.get(429)).toBe(FLOOD - REJECTIONS_PER_SOURCE);

    const log = await (await fetch(`${live.url}/api/deliveries?status=rejected&limit=200`, { headers: { authorization: `Bearer ${ada.token}` } })).json() as {
      deliveries: unknown[];
      rejectedNotLogged: { count: number; message: string } | null;
    };
    expect(log.deliveries).toHaveLength(REJECTED_ROWS_PER_HOUR);
    expect(log.rejectedNotLogged).toEqual({ count: FLOOD - REJECTED_ROWS_PER_HOUR, message: expect.stringContaining('1,950 more rejected requests') });
  }, 120_000);
});
