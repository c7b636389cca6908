/**
 * The card's stylesheet, adopted by its shadow root as a constructed
 * CSSStyleSheet (no <style> element: a page with a strict CSP may block one).
 * Colours meet WCAG AA on their background in both themes; motion only when
 * the reader allows it.
 */
export const CARD_CSS = `
:host {
  all: initial;
  position: fixed !important;
  top: 0; left: 0;
  z-index: 2147483647 !important;
  display: block !important;
  width: 320px; max-width: calc(100vw - 16px);
  contain: layout style;
}
:host([hidden]) { display: none !important; }
.card {
  --bg: #ffffff; --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa;
  --accent: #4338ca; --link: #0550ae; --map-bg: #eef3f8; --map-route: #b42318; --map-dot: #57606a;
  box-sizing: border-box; width: 100%; max-height: inherit; overflow-y: auto; overscroll-behavior: contain;
  background: var(--bg); color: var(--fg);
  border: 1px solid var(--line); border-top: 4px solid var(--accent); border-radius: 8px;
  box-shadow: 0 8px 28px rgba(0,0,0,.22);
  padding: 10px 12px 10px;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK KR", sans-serif;
  text-align: left; letter-spacing: normal; word-spacing: normal; text-transform: none; white-space: normal;
  outline: none;
}
.card.type-place { --accent: #0f766e; }
.card.type-organization { --accent: #b45309; }
.card:focus-visible { box-shadow: 0 0 0 3px var(--link), 0 8px 28px rgba(0,0,0,.22); }
@media (prefers-color-scheme: dark) {
  .card.theme-system { --bg: #1c2128; --fg: #e6edf3; --muted: #a6b0bb; --line: #444c56; --soft: #262c36;
    --accent: #a5b4fc; --link: #79c0ff; --map-bg: #22303c; --map-route: #ff8a80; --map-dot: #a6b0bb; }
  .card.theme-system.type-place { --accent: #5eead4; }
  .card.theme-system.type-organization { --accent: #fbbf24; }
}
.card.theme-dark { --bg: #1c2128; --fg: #e6edf3; --muted: #a6b0bb; --line: #444c56; --soft: #262c36;
  --accent: #a5b4fc; --link: #79c0ff; --map-bg: #22303c; --map-route: #ff8a80; --map-dot: #a6b0bb; }
.card.theme-dark.type-place { --accent: #5eead4; }
.card.theme-dark.type-organization { --accent: #fbbf24; }
@media (prefers-reduced-motion: no-preference) {
  .card { animation: appear .12s ease-out; }
  @keyframes appear { from { opacity: 0; transform: translateY(2px); } to { opacity: 1; transform: none; } }
}
header { display: flex; align-items: flex-start; gap: 8px; }
.chip { flex: none; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em;
  color: var(--accent); border: 1px solid currentColor; border-radius: 999px; padding: 0 6px; margin-top: 2px; }
.title { flex: 1; min-width: 0; }
.name { display: block; margin: 0; font-size: 16px; font-weight: 700; line-height: 1.3; }
.surface { display: block; color: var(--muted); font-size: 12px; }
.close { flex: none; margin: -4px -6px 0 0; width: 28px; height: 28px; border: 0; border-radius: 6px; background: transparent;
  color: var(--muted); font: 20px/1 system-ui, sans-serif; cursor: pointer; }
.close:hover, .step:hover:not(:disabled) { background: var(--soft); color: var(--fg); }
button:focus-visible, a:focus-visible { outline: 2px solid var(--link); outline-offset: 1px; }
p { margin: 6px 0 0; }
.description { font-weight: 500; }
.muted, .asof { color: var(--muted); }
.asof { font-size: 12px; }
.roles { margin-top: 6px; padding: 4px 8px; background: var(--soft); border-radius: 6px; }
.roles .role { margin: 2px 0; }
.role-when { font-weight: 600; }
.role.ended { text-decoration: none; }
.map-figure { margin: 8px 0 0; }
.map { display: block; width: 100%; height: auto; }
.map-bg { fill: var(--map-bg); }
.map-route { fill: none; stroke: var(--map-route); stroke-width: 2; stroke-dasharray: 5 3; stroke-linejoin: round; }
.map-dot { fill: var(--map-dot); }
.map-here { fill: var(--accent); stroke: var(--bg); stroke-width: 2; }
.map-label { fill: var(--fg); font-size: 10px; font-family: inherit; }
.map-label-here { font-weight: 700; font-size: 11px; }
dl.facts { margin: 8px 0 0; display: grid; grid-template-columns: fit-content(34%) 1fr; gap: 3px 10px; }
dt { overflow-wrap: anywhere; }
dt { color: var(--muted); font-weight: 600; }
dd { margin: 0; }
h3 { margin: 10px 0 2px; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
blockquote { margin: 4px 0 0; padding: 0 0 0 8px; border-left: 3px solid var(--line); }
ul.relations { margin: 2px 0 0; padding-left: 18px; }
/* always in reach: a long card scrolls under it */
.mentions { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin: 10px -12px -10px;
  padding: 8px 12px 10px; border-top: 1px solid var(--line); position: sticky; bottom: -10px; background: var(--bg); }
.steps { display: flex; gap: 4px; }
.step { width: 30px; height: 26px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg);
  font: 16px/1 system-ui, sans-serif; cursor: pointer; }
.step:disabled { opacity: .5; cursor: default; }
footer { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; margin-top: 8px; font-size: 12px; }
a { color: var(--link); }
.asof-all { margin-left: auto; }
`;
