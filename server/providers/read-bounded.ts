/**
 * Reads an answer's text, stopping at `maxBytes`: a provider (or something posing as one)
 * that sends gigabytes costs Weft a bounded read and a cancelled stream, not its memory.
 * A declared Content-Length over the bound is refused before reading anything.
 */
export async function readBounded(response: Response, maxBytes: number): Promise<{ text: string; tooBig: boolean }> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    return { text: '', tooBig: true };
  }
  if (!response.body) return { text: '', tooBig: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return { text: '', tooBig: true };
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), tooBig: false };
}
