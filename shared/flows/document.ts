import { z } from 'zod';

// The integration document (`weft: integration/v1`): the one shape the HTTP API, the
// extension's editor and YAML import / export all read and write. An integration groups
// flows that share config variables; each flow has one trigger and a list of steps.
// Extend it; never rename what is here (documents already exported must keep loading).
//
// Bounds: every string, list and nesting level is capped here, so a document that passes
// this schema is small enough to store, render and evaluate (see LIMITS).

export const LIMITS = {
  /** A document as text (YAML or JSON), in bytes. */
  documentBytes: 256 * 1024,
  flows: 50,
  stepsPerFlow: 100,
  configVars: 100,
  /** Nesting of branch / forEach inside each other. */
  stepNesting: 5,
  /** Cases of one branch step. */
  branchCases: 20,
  /** One expression (an `if:` or the inside of one `{{ }}`), in characters. */
  expressionChars: 2000,
  name: 200,
  description: 2000,
  docs: 50_000,
  labels: 20,
  label: 50,
} as const;

/** Stable ids: steps and flows refer to each other by these, never by name. */
export const flowId = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'Use a lower-case id: a letter, then letters, digits, - or _ (64 at most).');
export const configKey = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'Use a key of letters, digits and _ that does not start with a digit (64 at most).');

/** A CEL expression: an `if:` condition, or what goes inside `{{ }}`. */
export const expression = z.string().min(1).max(LIMITS.expressionChars);

/**
 * Input given to a step: any JSON whose strings may hold `{{ expr }}` templates. A string
 * that is exactly one `{{ expr }}` takes the expression's value and type; any other string
 * is text with each `{{ expr }}` replaced by its value as text.
 */
export type TemplateValue = string | number | boolean | null | TemplateValue[] | { [key: string]: TemplateValue };
export const templateValue: z.ZodType<TemplateValue> = z.lazy(() =>
  z.union([
    z.string().max(100_000),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(templateValue).max(1000),
    z.record(z.string().max(200), templateValue),
  ]),
);

export const configVar = z.discriminatedUnion('type', [
  z.object({ key: configKey, label: z.string().min(1).max(LIMITS.name), type: z.literal('string'), default: z.string().max(10_000).optional(), required: z.boolean().optional(), description: z.string().max(LIMITS.description).optional() }),
  z.object({ key: configKey, label: z.string().min(1).max(LIMITS.name), type: z.literal('number'), default: z.number().optional(), required: z.boolean().optional(), description: z.string().max(LIMITS.description).optional() }),
  z.object({ key: configKey, label: z.string().min(1).max(LIMITS.name), type: z.literal('boolean'), default: z.boolean().optional(), required: z.boolean().optional(), description: z.string().max(LIMITS.description).optional() }),
  /** A connection of the user's, of this provider, chosen when an instance is deployed. */
  z.object({ key: configKey, label: z.string().min(1).max(LIMITS.name), type: z.literal('connection'), provider: z.string().min(1).max(50), description: z.string().max(LIMITS.description).optional() }),
]);
export type ConfigVar = z.infer<typeof configVar>;

/** Which config variable (of type connection) a trigger or step uses: its key. */
const connectionRef = configKey;

export const eventTrigger = z.object({
  type: z.literal('event'),
  /** An event log type, e.g. `github.issues.opened`. */
  event: z.string().min(1).max(200),
  connection: connectionRef.optional(),
  if: expression.optional(),
});

export const webhookTrigger = z.object({
  type: z.literal('webhook'),
  /** Check a Standard Webhooks signature (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with the instance's secret. */
  signed: z.boolean().optional(),
  /**
   * An example of the JSON body the sender posts (optional): the body is the sender's, so
   * without one the editor suggests no `trigger.` fields and publishing checks none; with
   * one, both read it as they read an event type's sample payload.
   */
  sample: z.json().optional(),
  if: expression.optional(),
});

export const scheduleTrigger = z.object({
  type: z.literal('schedule'),
  /** Five or six fields (seconds first when six), as croner reads them. */
  cron: z.string().min(1).max(200),
  /** An IANA time zone; UTC when absent. */
  timezone: z.string().min(1).max(100).optional(),
  /** Ticks missed while no server ran: none are run, or the last one is. */
  catchUp: z.enum(['none', 'last']).optional(),
  if: expression.optional(),
});

export const manualTrigger = z.object({
  type: z.literal('manual'),
  /** Where the user can start it besides the popup; the page's entity becomes the input. */
  from: z.array(z.enum(['popup', 'github.issue', 'github.pull', 'hubspot.record', 'selection', 'link'])).max(10).optional(),
  /** The input's shape, as JSON Schema, for the form the popup shows. */
  inputSchema: z.record(z.string(), z.unknown()).optional(),
  if: expression.optional(),
});

export const trigger = z.discriminatedUnion('type', [eventTrigger, webhookTrigger, scheduleTrigger, manualTrigger]);
export type Trigger = z.infer<typeof trigger>;

export const retryPolicy = z.object({
  attempts: z.number().int().min(1).max(20),
  backoff: z.enum(['exponential', 'fixed']).optional(),
  /** The first wait, in milliseconds (exponential doubles it each try, with jitter). */
  delayMs: z.number().int().min(0).max(24 * 3600 * 1000).optional(),
});

const stepBase = {
  id: flowId,
  name: z.string().max(LIMITS.name).optional(),
  if: expression.optional(),
  retry: retryPolicy.optional(),
};

export const actionStep = z.object({
  ...stepBase,
  /** A catalog action: `<provider>.<action>`, e.g. `slack.post_message`. */
  action: z.string().regex(/^[a-z0-9_-]+\.[a-z0-9_]+$/, 'Use <provider>.<action>, e.g. slack.post_message.'),
  connection: connectionRef,
  input: z.record(z.string().max(200), templateValue).optional(),
});

export const httpStep = z.object({
  ...stepBase,
  http: z.object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    url: z.string().min(1).max(4000),
    headers: z.record(z.string().max(200), z.string().max(8000)).optional(),
    body: templateValue.optional(),
    /** A connection whose token is sent as the Authorization header. */
    connection: connectionRef.optional(),
  }),
});

export const webhookStep = z.object({
  ...stepBase,
  /** An outbound webhook, signed per Standard Webhooks with the instance's signing key. */
  webhook: z.object({
    url: z.string().min(1).max(4000),
    body: templateValue,
  }),
});

export const delayStep = z.object({
  ...stepBase,
  /** How long to wait: a duration such as `30s`, `15m`, `2h`, `1d`, or an expression. */
  delay: z.string().min(1).max(200),
});

export type Step =
  | z.infer<typeof actionStep>
  | z.infer<typeof httpStep>
  | z.infer<typeof webhookStep>
  | z.infer<typeof delayStep>
  | { id: string; name?: string; if?: string; retry?: z.infer<typeof retryPolicy>; branch: { if?: string; steps: Step[] }[] }
  | { id: string; name?: string; if?: string; retry?: z.infer<typeof retryPolicy>; forEach: { items: string; steps: Step[] } };

export const step: z.ZodType<Step> = z.lazy(() =>
  z.union([
    actionStep,
    httpStep,
    webhookStep,
    delayStep,
    /** The first branch whose `if` is true runs (a branch without `if` always matches). */
    z.object({ ...stepBase, branch: z.array(z.object({ if: expression.optional(), steps: z.array(step).max(LIMITS.stepsPerFlow) })).min(1).max(LIMITS.branchCases) }),
    /** `steps` run once per item of the list `items` evaluates to; `item` and `index` are in scope. */
    z.object({ ...stepBase, forEach: z.object({ items: expression, steps: z.array(step).max(LIMITS.stepsPerFlow) }) }),
  ]),
);

export const flow = z.object({
  id: flowId,
  name: z.string().min(1).max(LIMITS.name),
  description: z.string().max(LIMITS.description).optional(),
  trigger,
  steps: z.array(step).max(LIMITS.stepsPerFlow),
});
export type Flow = z.infer<typeof flow>;

export const integrationDocument = z.object({
  weft: z.literal('integration/v1'),
  name: z.string().min(1).max(LIMITS.name),
  description: z.string().max(LIMITS.description).optional(),
  category: z.string().max(100).optional(),
  /** Stored lower-cased. */
  labels: z.array(z.string().min(1).max(LIMITS.label).transform((l) => l.toLowerCase())).max(LIMITS.labels).optional(),
  /** Internal notes, markdown; rendered without raw HTML. */
  docs: z.string().max(LIMITS.docs).optional(),
  configVars: z.array(configVar).max(LIMITS.configVars).optional(),
  flows: z.array(flow).min(1).max(LIMITS.flows),
});
export type IntegrationDocument = z.infer<typeof integrationDocument>;
