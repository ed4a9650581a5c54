import { z } from 'zod';

/** `GET /health`: liveness. The process is up and answering; it asks nothing of the database. */
export const healthResponseSchema = z.object({ ok: z.literal(true) });

/**
 * `GET /health/ready`: readiness. The database answered a test query, in `ms`; otherwise
 * a 503 `database_unavailable` whose message says why (a load balancer sends this
 * instance no traffic until it is ready again).
 */
export const readinessResponseSchema = z.object({ ok: z.literal(true), database: z.object({ ms: z.number().nonnegative() }) });
