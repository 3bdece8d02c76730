// The panel's only styles, inside its shadow root: the page's CSS cannot reach them, nor they the page.
// Sizes in px, never rem, so the page's root font size changes nothing here.
const light =
  '--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--row:#f6f8fa;--pick:#ddf4ff;--accent:#0969da;--ok:#1a7f37;--warn:#9a6700;--bad:#d1242f'
const dark =
  '--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--row:#151b23;--pick:#12263f;--accent:#4493f8;--ok:#3fb950;--warn:#d29922;--bad:#f85149'

export const css = `
.root{all:initial;${light};font:12px/1.45 ui-sans-serif,system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);color-scheme:light}
.root[data-theme=dark]{${dark};color-scheme:dark}
@media (prefers-color-scheme:dark){.root[data-theme=system]{${dark};color-scheme:dark}}
:where(.root *,.root *::before,.root *::after){box-sizing:border-box;font:inherit;color:inherit;margin:0;letter-spacing:normal}
button,input,select{border:1px solid var(--line);border-radius:4px;background:var(--bg);padding:2px 8px;min-height:26px;cursor:pointer}
input{cursor:text;min-width:0}
button:hover{background:var(--row)}
:focus-visible{outline:2px solid var(--accent);outline-offset:1px}
.toggle{position:fixed;z-index:2147483646;display:flex;gap:6px;align-items:center;padding:6px 10px;border-radius:18px;background:var(--bg);box-shadow:0 1px 4px #0004;font-weight:600}
.toggle[data-corner$=right]{right:12px}.toggle[data-corner$=left]{left:12px}
.toggle[data-corner^=bottom]{bottom:12px}.toggle[data-corner^=top]{top:12px}
.dot{width:8px;height:8px;border-radius:50%;background:var(--muted)}
.dot[data-status=open]{background:var(--ok)}.dot[data-status=reconnecting]{background:var(--warn)}.dot[data-status=closed]{background:var(--bad)}
.panel{position:fixed;z-index:2147483647;display:flex;flex-direction:column;background:var(--bg);border:0 solid var(--line);box-shadow:0 0 8px #0003}
.panel[data-dock=bottom]{left:0;right:0;bottom:0;height:min(var(--size),100vh);border-top-width:1px}
.panel[data-dock=right]{top:0;right:0;bottom:0;width:min(var(--size),100vw);border-left-width:1px}
.resizer{position:absolute;background:transparent;z-index:1}
.resizer:hover,.resizer:focus-visible{background:var(--accent)}
[data-dock=bottom]>.resizer{top:-3px;left:0;right:0;height:6px;cursor:ns-resize}
[data-dock=right]>.resizer{left:-3px;top:0;bottom:0;width:6px;cursor:ew-resize}
header{display:flex;flex-wrap:wrap;gap:6px;align-items:center;padding:6px 8px;border-bottom:1px solid var(--line)}
h2{font-size:13px;font-weight:700;margin-right:auto}
h3{font-size:12px;font-weight:700;padding:6px 8px 2px;color:var(--muted)}
.body{flex:1;min-height:0;display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);overflow:auto}
[data-dock=right] .body{grid-template-columns:minmax(0,1fr);grid-auto-rows:max-content}
@media (max-width:700px){.body{grid-template-columns:minmax(0,1fr);grid-auto-rows:max-content}}
.list{overflow:auto;border-right:1px solid var(--line);min-height:0}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;white-space:nowrap}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600}
tr[aria-selected=true] td{background:var(--pick)}
.link{border:0;padding:0;min-height:0;background:none;color:var(--accent);text-decoration:underline;text-align:left}
.muted{color:var(--muted)}.bad{color:var(--bad)}.warn{color:var(--warn)}.ok{color:var(--ok)}
.details{min-width:0;display:flex;flex-direction:column;min-height:0}
.bar{display:flex;flex-wrap:wrap;gap:6px;align-items:center;padding:6px 8px}
.tabs{display:flex;gap:4px;padding:6px 8px 0}
.tabs [aria-selected=true]{border-color:var(--accent);color:var(--accent);font-weight:600}
ol{list-style:none;padding:0;overflow:auto;min-height:0}
li{border-bottom:1px solid var(--line);padding:3px 8px}
.event{display:grid;grid-template-columns:auto auto minmax(0,1fr);gap:2px 8px;align-items:baseline;width:100%;border:0;border-radius:0;text-align:left;background:none;padding:0;min-height:0}
.preview{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
pre{white-space:pre-wrap;word-break:break-all;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;background:var(--row);padding:6px;border-radius:4px;margin:4px 0;max-height:240px;overflow:auto}
.strip{display:flex;height:10px;margin:6px 8px;border-radius:3px;overflow:hidden;background:var(--row)}
.strip span{min-width:2px}
.phase-open{background:var(--ok)}.phase-connecting,.phase-retrying,.phase-following{background:var(--accent)}
.phase-backoff{background:var(--warn)}.phase-offline,.phase-hidden,.phase-closed,.phase-idle{background:var(--bad)}
.empty{padding:12px 8px;color:var(--muted)}
.more{margin:6px 8px;align-self:flex-start}
`
