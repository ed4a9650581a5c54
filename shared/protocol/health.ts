import { z } from 'zod';

/** `GET /health`: the server is up. */
export const healthResponseSchema = z.object({ ok: z.literal(true) });
