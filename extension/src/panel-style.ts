/** The panel's styles (panel.ts), inside its shadow root: nothing of the site's reaches them, and they reach nothing of the site's. */
export const PANEL_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.panel {
  width: min(340px, calc(100vw - 16px)); max-height: min(75vh, 600px); display: flex; flex-direction: column;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #f3f1ea; background: #1b1d24f2;
  border: 1px solid #4a4f5e; border-radius: 10px; box-shadow: 0 6px 24px #0008; overflow: hidden;
}
.bar { display: flex; align-items: center; gap: 4px; padding: 6px 8px; background: #262a35; cursor: move; touch-action: none; user-select: none; }
h2 { flex: 1; margin: 0; font-size: 14px; font-weight: 650; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
h3 { margin: 0 0 4px; font-size: 13px; }
button, input { font: inherit; color: inherit; }
button { background: #343a49; border: 1px solid #5b6274; border-radius: 6px; padding: 4px 10px; cursor: pointer; min-height: 32px; }
button:hover { background: #414859; }
button[aria-pressed="true"] { background: #2f5d50; border-color: #5fb89d; }
button.icon { min-width: 32px; padding: 2px 6px; }
button.small { min-height: 28px; padding: 2px 8px; font-size: 12px; }
:focus-visible { outline: 3px solid #ffd166; outline-offset: 1px; }
.body { display: flex; flex-direction: column; gap: 6px; padding: 8px; overflow: auto; min-height: 0; }
.body[hidden], .trivia[hidden] { display: none; }
p { margin: 0; }
.action:empty, .problem:empty { display: none; }
.action { color: #ffd166; }
.problem { color: #ff9b8e; }
.people { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 10px; font-size: 12px; }
.sync { color: #f6b26b; }
.sync.ok { color: #8fd9b6; }
.who { font-weight: 600; }
.when { color: #b9bccb; font-size: 11px; }
.shield { font-size: 12px; color: #d6d8e1; }
.log { max-height: 220px; min-height: 60px; overflow: auto; flex-shrink: 0; }
.messages { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
.messages li { background: #23262f; border-radius: 6px; padding: 4px 6px; overflow-wrap: anywhere; }
.text { display: block; }
.hidden-text { color: #b9bccb; font-style: italic; font-size: 12px; }
.send { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
.send input { flex: 1; min-width: 0; min-height: 32px; background: #111318; border: 1px solid #5b6274; border-radius: 6px; padding: 4px 8px; }
.send input:disabled { opacity: .7; }
.reactions { display: flex; flex-wrap: wrap; gap: 4px; }
.reactions button { min-width: 40px; font-size: 16px; padding: 2px 6px; }
.trivia { background: #2a2540; border: 1px solid #6b5fb0; border-radius: 8px; padding: 6px 8px; }
.prompt { font-weight: 600; margin-bottom: 6px; }
.choices { display: flex; flex-direction: column; gap: 4px; }
.choices button { text-align: left; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.floats { position: fixed; inset: 0; pointer-events: none; overflow: hidden; }
.float { position: fixed; font-size: 34px; animation: rise 2.5s ease-out forwards; }
@keyframes rise { from { transform: translateY(0); opacity: 1; } to { transform: translateY(-180px); opacity: 0; } }
@media (prefers-reduced-motion: reduce) { .float { animation: fade 2.5s linear forwards; } }
@keyframes fade { from { opacity: 1; } to { opacity: 0; } }
`;
