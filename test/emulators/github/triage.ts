import { Hono, type Context } from 'hono';
import { hasPush, issueAccess, jsonBody } from './access';
import { dedupe } from './data';
import { DOCS, invalidRequest, restError } from './errors';
import { names } from './issues';
import { issueJson, issueLabelsJson } from './json';
import type { GithubState } from './state';

/**
 * Labels and assignees on an issue. Adding a label the repository lacks creates it (as
 * GitHub does); removing one the issue lacks is 404 "Label does not exist". Assignees
 * without push access are silently skipped, as documented.
 * https://docs.github.com/rest/issues/labels · https://docs.github.com/rest/issues/assignees
 */
export function triageRoutes(state: GithubState): Hono {
  const app = new Hono();
  const { data } = state;
  const origin = (c: Context) => new URL(c.req.url).origin;

  app.post('/repos/:owner/:repo/issues/:number/labels', async (c) => {
    const access = issueAccess(state, c, DOCS.addLabels, true);
    if (access instanceof Response) return access;
    const body = await jsonBody(c, DOCS.addLabels);
    if (body instanceof Response) return body;
    // Either `{ labels: [...] }` (recommended) or a bare array of names.
    const list = Array.isArray(body) ? body : body.labels;
    if (!Array.isArray(list)) return c.json(invalidRequest(DOCS.addLabels, 'No subschema in "anyOf" matched.'), 422);
    if (!access.push) return c.json(restError(403, 'Must have admin rights to Repository.', DOCS.addLabels), 403);
    const { issue } = access;
    data.setLabels(issue, [...issue.labels, ...names(list)]);
    data.touch(issue);
    return c.json(issueLabelsJson(issue, origin(c)));
  });

  app.delete('/repos/:owner/:repo/issues/:number/labels/:name', (c) => {
    const access = issueAccess(state, c, DOCS.removeLabel, true);
    if (access instanceof Response) return access;
    if (!access.push) return c.json(restError(403, 'Must have admin rights to Repository.', DOCS.removeLabel), 403);
    const { issue } = access;
    const name = (c.req.param('name') ?? '').toLowerCase();
    const index = issue.labels.findIndex((l) => l.toLowerCase() === name);
    if (index < 0) return c.json(restError(404, 'Label does not exist', DOCS.removeLabel), 404);
    issue.labels.splice(index, 1);
    data.touch(issue);
    return c.json(issueLabelsJson(issue, origin(c)));
  });

  app.post('/repos/:owner/:repo/issues/:number/assignees', async (c) => {
    const access = issueAccess(state, c, DOCS.addAssignees, true);
    if (access instanceof Response) return access;
    const body = await jsonBody(c, DOCS.addAssignees);
    if (body instanceof Response) return body;
    const { issue, repo } = access;
    if (access.push) {
      const logins = Array.isArray(body) ? [] : names(body.assignees);
      const added = logins.flatMap((login) => {
        const user = data.users.get(login.toLowerCase());
        return user && hasPush(repo, user) ? [user] : [];
      });
      issue.assignees = dedupe([...issue.assignees, ...added]).slice(0, 10);
      data.touch(issue);
    }
    return c.json(issueJson(issue, origin(c)), 201);
  });

  app.delete('/repos/:owner/:repo/issues/:number/assignees', async (c) => {
    const access = issueAccess(state, c, DOCS.removeAssignees, true);
    if (access instanceof Response) return access;
    const body = await jsonBody(c, DOCS.removeAssignees);
    if (body instanceof Response) return body;
    const { issue } = access;
    if (access.push) {
      const remove = new Set((Array.isArray(body) ? [] : names(body.assignees)).map((l) => l.toLowerCase()));
      issue.assignees = issue.assignees.filter((a) => !remove.has(a.login.toLowerCase()));
      data.touch(issue);
    }
    return c.json(issueJson(issue, origin(c)));
  });

  return app;
}
