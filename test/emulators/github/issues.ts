import { Hono, type Context } from 'hono';
import { hasPush, issueAccess, jsonBody, repoAccess, spendContentBudget } from './access';
import { dedupe, type GithubUserRef, type RepoRecord } from './data';
import { DOCS, invalidRequest, restError, validationFailed, type ValidationItem } from './errors';
import { commentJson, issueJson } from './json';
import type { GithubState } from './state';

const STATE_REASONS = ['completed', 'not_planned', 'reopened', 'duplicate'];

/**
 * Issues: create (201, content-creation limit), get, update (title, body, state,
 * state_reason, labels, assignees) and comment (201, content-creation limit).
 * https://docs.github.com/rest/issues/issues
 */
export function issueRoutes(state: GithubState): Hono {
  const app = new Hono();
  const { data } = state;
  const origin = (c: Context) => new URL(c.req.url).origin;

  app.post('/repos/:owner/:repo/issues', async (c) => {
    const access = repoAccess(state, c, DOCS.createIssue, true);
    if (access instanceof Response) return access;
    const { repo, user, push } = access;
    if (!repo.hasIssues) return c.json(restError(410, 'Issues are disabled for this repo', DOCS.createIssue), 410);
    const body = await jsonBody(c, DOCS.createIssue);
    if (body instanceof Response) return body;
    if (Array.isArray(body)) return c.json(invalidRequest(DOCS.createIssue, 'Expected data to be of type "object".'), 422);
    const invalid = checkTypes(body, { title: 'string', body: 'string', labels: 'array', assignees: 'array', assignee: 'string' });
    if (invalid) return c.json(invalidRequest(DOCS.createIssue, invalid), 422);
    if (!('title' in body) || body.title === null) return c.json(invalidRequest(DOCS.createIssue, '"title" wasn\'t supplied.'), 422);
    const title = String(body.title);
    if (title.trim() === '') return c.json(validationFailed(DOCS.createIssue, [{ resource: 'Issue', code: 'missing_field', field: 'title' }]), 422);
    // Without push access GitHub silently drops labels and assignees; with it, a non-collaborator assignee is a 422.
    const wanted = [...names(body.assignees), ...(typeof body.assignee === 'string' ? [body.assignee] : [])];
    const assignees = push ? resolveAssignees(state, repo, wanted, DOCS.createIssue) : [];
    if (!Array.isArray(assignees)) return c.json(assignees, 422);
    const limited = spendContentBudget(state, c, user);
    if (limited) return limited;
    const issue = data.addIssue(repo, {
      title,
      body: typeof body.body === 'string' ? body.body : null,
      user,
      labels: push ? names(body.labels) : [],
      assignees,
    });
    const json = issueJson(issue, origin(c));
    c.header('location', String(json.url));
    return c.json(json, 201);
  });

  app.get('/repos/:owner/:repo/issues/:number', (c) => {
    const access = issueAccess(state, c, DOCS.getIssue, false);
    if (access instanceof Response) return access;
    return c.json(issueJson(access.issue, origin(c)));
  });

  app.patch('/repos/:owner/:repo/issues/:number', async (c) => {
    const access = issueAccess(state, c, DOCS.updateIssue, true);
    if (access instanceof Response) return access;
    const { issue, user, push, repo } = access;
    const body = await jsonBody(c, DOCS.updateIssue);
    if (body instanceof Response) return body;
    if (Array.isArray(body)) return c.json(invalidRequest(DOCS.updateIssue, 'Expected data to be of type "object".'), 422);
    const invalid = checkTypes(body, { title: 'string', body: 'string', state: 'string', state_reason: 'string', labels: 'array', assignees: 'array' });
    if (invalid) return c.json(invalidRequest(DOCS.updateIssue, invalid), 422);
    // An author without push access may still edit and close their own issue; their labels and assignees are dropped.
    if (!push && issue.user.login.toLowerCase() !== user.login.toLowerCase()) {
      return c.json(restError(403, 'Must have admin rights to Repository.', DOCS.updateIssue), 403);
    }
    const errors: ValidationItem[] = [];
    if ('state' in body && body.state !== 'open' && body.state !== 'closed') errors.push({ resource: 'Issue', code: 'invalid', field: 'state', value: body.state });
    if (typeof body.state_reason === 'string' && !STATE_REASONS.includes(body.state_reason)) {
      errors.push({ resource: 'Issue', code: 'invalid', field: 'state_reason', value: body.state_reason });
    }
    if (typeof body.title === 'string' && body.title.trim() === '') errors.push({ resource: 'Issue', code: 'missing_field', field: 'title' });
    if (errors.length > 0) return c.json(validationFailed(DOCS.updateIssue, errors), 422);
    const assignees = push && 'assignees' in body ? resolveAssignees(state, repo, names(body.assignees), DOCS.updateIssue) : undefined;
    if (assignees && !Array.isArray(assignees)) return c.json(assignees, 422);

    if (typeof body.title === 'string') issue.title = body.title;
    if ('body' in body) issue.body = typeof body.body === 'string' ? body.body : null;
    if (push && 'labels' in body) data.setLabels(issue, names(body.labels));
    if (assignees) issue.assignees = assignees;
    const reason = typeof body.state_reason === 'string' ? body.state_reason : null;
    if (body.state === 'open' || body.state === 'closed') data.setState(issue, body.state, reason, user);
    else if (reason !== null && issue.state === 'closed') issue.stateReason = reason;
    data.touch(issue);
    return c.json(issueJson(issue, origin(c)));
  });

  app.post('/repos/:owner/:repo/issues/:number/comments', async (c) => {
    const access = issueAccess(state, c, DOCS.createComment, true);
    if (access instanceof Response) return access;
    const body = await jsonBody(c, DOCS.createComment);
    if (body instanceof Response) return body;
    if (Array.isArray(body) || !('body' in body) || body.body === null) return c.json(invalidRequest(DOCS.createComment, '"body" wasn\'t supplied.'), 422);
    if (typeof body.body !== 'string') return c.json(invalidRequest(DOCS.createComment, `For 'properties/body', ${JSON.stringify(body.body)} is not a string.`), 422);
    if (body.body.trim() === '') return c.json(validationFailed(DOCS.createComment, [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]), 422);
    if (access.issue.locked && !access.push) return c.json(restError(403, 'Unable to create comment because issue is locked.', DOCS.createComment), 403);
    const limited = spendContentBudget(state, c, access.user);
    if (limited) return limited;
    const comment = data.addComment(access.issue, body.body, access.user);
    const json = commentJson(comment, origin(c));
    c.header('location', String(json.url));
    return c.json(json, 201);
  });

  return app;
}

/** Logins (or `{login}` objects) from a body array; anything else reads as none. */
export function names(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => (typeof v === 'string' ? [v] : v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string' ? [(v as { name: string }).name] : []));
}

/** Assignees must have push access; GitHub answers 422 naming the first one that does not. */
export function resolveAssignees(state: GithubState, repo: RepoRecord, logins: string[], docs: string): GithubUserRef[] | ReturnType<typeof validationFailed> {
  const users: GithubUserRef[] = [];
  for (const login of logins) {
    const user = state.data.users.get(login.toLowerCase());
    if (!user || !hasPush(repo, user)) return validationFailed(docs, [{ resource: 'Issue', code: 'invalid', field: 'assignees', value: login }]);
    users.push(user);
  }
  return dedupe(users).slice(0, 10);
}

/** The JSON-schema check GitHub runs before validation: the first field of the wrong type, worded as GitHub words it. */
function checkTypes(body: Record<string, unknown>, schema: Record<string, 'string' | 'array'>): string | undefined {
  for (const [key, type] of Object.entries(schema)) {
    const value = body[key];
    if (value === undefined || value === null) continue;
    const ok = type === 'array' ? Array.isArray(value) : typeof value === 'string' || (key === 'title' && typeof value === 'number');
    if (!ok) return `For 'properties/${key}', ${JSON.stringify(value)} is not ${type === 'array' ? 'an array' : 'a string'}.`;
  }
  return undefined;
}
