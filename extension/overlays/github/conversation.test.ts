// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readConversation, type ConversationRead, type SeenPost } from './conversation';

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 3_000, interval: 10 });
let page: AbortController;

/** Reads the page as the feature does, keeping every state it reported. */
function read(options: { previous?: SeenPost | null; boundMs?: number } = {}) {
  page = new AbortController();
  const states: ConversationRead[] = [];
  const posts: SeenPost[] = [];
  readConversation({ signal: page.signal, previous: options.previous ?? null, boundMs: options.boundMs ?? 5_000, settleMs: 10, onChange: (r) => states.push(r), onPost: (p) => posts.push(p) });
  return { states, posts, last: () => states.at(-1) };
}

/** What GitHub's React issue view renders, about a second after load. */
function renderIssue(body: string, comments: string[] = [], composer = '') {
  document.body.innerHTML = `
    <react-app app-name="issues-react">
      <h1 data-testid="issue-title">Export fails</h1>
      <div class="react-issue-body"><div data-testid="markdown-body" class="markdown-body"><p>${body}</p></div></div>
      ${comments.map((c) => `<div class="react-issue-comment"><div data-testid="markdown-body" class="markdown-body"><p>${c}</p></div></div>`).join('')}
      <div data-testid="comment-composer"><div class="markdown-body">${composer}</div></div>
    </react-app>`;
}

afterEach(() => {
  vi.useRealTimers();
  page.abort();
  document.body.innerHTML = '';
});

describe('readConversation', () => {
  it('says "reading" while the page has no opening post, and reads it when it arrives', async () => {
    document.body.innerHTML = '<react-app app-name="issues-react"></react-app>';
    const r = read();
    expect(r.states).toEqual([{ state: 'reading' }]);
    renderIssue('Reported by jane@example.com');
    await waitFor(() => expect(r.last()).toEqual({ state: 'read', mentions: ['jane@example.com', 'example.com'] }));
    expect(r.states.some((s) => s.state === 'read' && s.mentions.length === 0)).toBe(false);
  });

  it('reads again on an edit and on a new comment; the opening post comes first; the comment box is not read', async () => {
    renderIssue('From hubot@github.com', [], 'typing mallory@evil.example');
    const r = read();
    expect(r.last()).toEqual({ state: 'read', mentions: ['hubot@github.com', 'github.com'] });
    document.querySelector('.react-issue-body p')!.textContent = 'From jane@example.com';
    await waitFor(() => expect(r.last()).toEqual({ state: 'read', mentions: ['jane@example.com', 'example.com'] }));
    const comment = document.createElement('div');
    comment.className = 'react-issue-comment';
    comment.innerHTML = '<div data-testid="markdown-body">Also cc ops@acme.test</div>';
    document.querySelector('react-app')!.insertBefore(comment, document.querySelector('[data-testid="comment-composer"]'));
    await waitFor(() => expect(r.last()).toEqual({ state: 'read', mentions: ['jane@example.com', 'ops@acme.test', 'example.com', 'acme.test'] }));
    // A change that names no one new reports nothing. Under fake timers, advancing past
    // the settle time runs the check the change scheduled: it ran, and reported nothing.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const count = r.states.length;
    document.querySelector('[data-testid="issue-title"]')!.textContent = 'Export fails (edited)';
    await vi.advanceTimersByTimeAsync(1_000);
    expect(r.states).toHaveLength(count);
    // The same wait after a change that does name someone new reports it.
    document.querySelector('.react-issue-body p')!.textContent = 'From jane@example.com and lee@example.org';
    await vi.advanceTimersByTimeAsync(1_000);
    expect(r.states).toHaveLength(count + 1);
    expect(r.last()).toMatchObject({ state: 'read', mentions: expect.arrayContaining(['lee@example.org']) });
  });

  it('after the bound with no opening post says it could not read the page (never "none"), and still reads it if it comes later', async () => {
    document.body.innerHTML = '<main></main>';
    const r = read({ boundMs: 50 });
    await waitFor(() => expect(r.last()).toEqual({ state: 'unreadable' }));
    renderIssue('Ping jane@example.com');
    await waitFor(() => expect(r.last()).toEqual({ state: 'read', mentions: ['jane@example.com', 'example.com'] }));
  });

  it('after an in-app navigation the previous conversation still on screen is not read as the new one', async () => {
    renderIssue('From jane@example.com');
    const first = read();
    const seen = first.posts.at(-1)!;
    page.abort();
    // The URL changed; the old post (same element, same text) is still there.
    const second = read({ previous: seen });
    expect(second.states).toEqual([{ state: 'reading' }]);
    // The app re-renders the same element with the new issue's text.
    document.querySelector('.react-issue-body p')!.textContent = 'From hubot@github.com';
    await waitFor(() => expect(second.last()).toEqual({ state: 'read', mentions: ['hubot@github.com', 'github.com'] }));
  });

  it('finds the opening post in the classic markup too', () => {
    document.body.innerHTML = '<div class="js-discussion"><div class="comment-body markdown-body js-comment-body">From ops@acme.test</div></div>';
    expect(read().last()).toEqual({ state: 'read', mentions: ['ops@acme.test', 'acme.test'] });
  });
});
