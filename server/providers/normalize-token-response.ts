/**
 * Some providers (GitHub, Slack) report token-endpoint errors with HTTP 200. oauth4webapi
 * follows RFC 6749, where an error is a 400 with `{error, error_description}`; this turns
 * the first into the second so one code path reads both.
 */
export async function jsonErrorAsStatus(
  response: Response,
  isError: (body: Record<string, unknown>) => boolean,
  rewrite: (body: Record<string, unknown>) => Record<string, unknown> = (b) => b,
): Promise<Response> {
  if (response.status !== 200) return response;
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response(text, { status: response.status, headers: response.headers });
  }
  const headers = new Headers(response.headers);
  headers.set('content-type', 'application/json');
  headers.delete('content-length');
  if (isError(body)) return Response.json(rewrite(body), { status: 400, headers });
  return new Response(JSON.stringify(rewrite(body)), { status: 200, headers });
}
