/**
 * The panel's styles, inside its shadow root (WXT resets inherited styles with
 * `all: initial` on the host). A string rather than a .css file: it goes in with the
 * script, with no extra fetch before the panel can show.
 */
export const panelCss = `
:host {
  --bg: #ffffff; --surface: #f6f8fa; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0;
  --accent: #4f46e5; --accent-fg: #ffffff; --ok: #1a7f37; --ok-bg: #dafbe1; --warn: #9a6700; --warn-bg: #fff8c5;
  --danger: #d1242f; --danger-bg: #ffebe9;
  display: block; color-scheme: light;
}
:host([data-theme='dark']) {
  --bg: #0d1117; --surface: #151b23; --fg: #f0f6fc; --muted: #9198a1; --border: #3d444d;
  --accent: #8b8ff9; --accent-fg: #0d1117; --ok: #3fb950; --ok-bg: #12261e; --warn: #d29922; --warn-bg: #272115;
  --danger: #f85149; --danger-bg: #25171c;
  color-scheme: dark;
}
* { box-sizing: border-box; }
.weft { font: 13px/1.45 -apple-system, BlinkMacSystemFont, 'Segoe UI', 'Noto Sans', Helvetica, Arial, sans-serif; color: var(--fg); }
.frame { margin: 0 0 16px; border: 1px solid var(--border); border-radius: 8px; background: var(--bg); overflow: hidden; }
.head { display: flex; align-items: center; gap: 6px; padding: 8px 10px; border-bottom: 1px solid var(--border); background: var(--surface); font-weight: 600; }
.head .title { flex: 1; }
.head .status { color: var(--muted); font-weight: 400; font-size: 12px; }
.body { display: flex; flex-direction: column; gap: 10px; padding: 10px; }
h3 { margin: 0 0 4px; color: var(--muted); font-size: 11px; font-weight: 600; letter-spacing: .05em; text-transform: uppercase; }
p { margin: 0; }
ul { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 4px; }
a { color: var(--accent); text-decoration: none; overflow-wrap: anywhere; }
a:hover { text-decoration: underline; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.row { display: flex; align-items: baseline; gap: 6px; min-width: 0; }
.row > .grow { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.pill { flex: none; padding: 0 6px; border: 1px solid var(--border); border-radius: 999px; font-size: 11px; color: var(--muted); }
.pill.open { color: var(--ok); border-color: var(--ok); }
.pill.closed { color: #8250df; border-color: #8250df; }
.labels { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 2px; }
.empty { color: var(--muted); font-size: 12px; }
.error { padding: 6px 8px; border-radius: 6px; background: var(--danger-bg); color: var(--danger); font-size: 12px; overflow-wrap: anywhere; }
.note { padding: 8px; border-radius: 6px; background: var(--warn-bg); color: var(--fg); font-size: 12px; }
.actions { display: flex; flex-direction: column; gap: 6px; }
.action { border: 1px solid var(--border); border-radius: 6px; }
.action > button.toggle { width: 100%; text-align: left; border: 0; background: none; padding: 6px 8px; font: inherit; font-weight: 500; color: var(--fg); cursor: pointer; }
.action > button.toggle:hover { background: var(--surface); }
form { display: flex; flex-direction: column; gap: 6px; padding: 0 8px 8px; }
label { display: flex; flex-direction: column; gap: 2px; font-size: 12px; color: var(--muted); }
input, select, textarea { width: 100%; padding: 5px 7px; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); color: var(--fg); font: inherit; }
textarea { min-height: 60px; resize: vertical; }
.btn { align-self: flex-start; padding: 4px 12px; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); color: var(--fg); font: inherit; font-weight: 500; cursor: pointer; }
.btn.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
.btn:disabled { opacity: .6; cursor: default; }
.state { font-size: 12px; overflow-wrap: anywhere; }
.state.queued, .state.sending { color: var(--warn); }
.state.done { color: var(--ok); }
.state.failed { color: var(--danger); }
.launcher { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; padding: 8px 14px; border: 0; border-radius: 999px; background: var(--accent); color: var(--accent-fg); font: 600 13px/1 -apple-system, BlinkMacSystemFont, 'Segoe UI', sans-serif; box-shadow: 0 4px 12px rgb(0 0 0 / .25); cursor: pointer; }
.floating { position: fixed; right: 16px; bottom: 60px; z-index: 2147483000; width: 340px; max-height: calc(100vh - 90px); overflow: auto; border-radius: 8px; box-shadow: 0 8px 24px rgb(0 0 0 / .3); }
.floating .frame { margin: 0; }
.flow-description { padding: 0 8px 6px; }
.flow > .state { padding: 0 8px 6px; }
.flow > .error { margin: 0 8px 6px; }
.action > button.toggle:disabled { opacity: 0.6; cursor: default; background: none; }
.flow > [data-testid='weft-flow-unavailable'] { padding: 0 8px 6px; }
button.link { padding: 0; border: 0; background: none; color: var(--accent); font: inherit; cursor: pointer; }
button.link:hover { text-decoration: underline; }
.skeleton { height: 10px; border-radius: 4px; background: var(--border); }
`;
