// The chart in docs/: main-thread busy time per 1,000 events as a multiple of the per-frame floor
// (the limit for a page that coalesces), one panel per scenario, log scale (1× is that floor), with
// each contender's fps beside its bar.
const WIDTH = 1000
const LABEL = 240
const PLOT = 560
const BAR = 14
const GAP = 4
const TICKS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50]
const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export function renderChart(summary, contenders, caption) {
  const ratios = Object.values(summary).flatMap((rows) => Object.values(rows).map((r) => r.timesFrameFloor))
  const finite = ratios.filter(Number.isFinite)
  const low = Math.min(0.1, ...finite)
  const high = Math.max(10, ...finite) * 1.1
  const x = (value) => LABEL + (PLOT * Math.log(value / low)) / Math.log(high / low)
  const parts = []
  let y = 100
  for (const [scenario, rows] of Object.entries(summary)) {
    const names = Object.keys(rows)
    const height = names.length * (BAR + GAP)
    parts.push(`<text x="10" y="${y - 8}" class="h">${escape(scenario)}</text>`)
    for (const tick of TICKS.filter((t) => t >= low && t <= high)) {
      parts.push(`<line x1="${x(tick)}" x2="${x(tick)}" y1="${y}" y2="${y + height}" class="${tick === 1 ? 'one' : 'grid'}"/>`)
      parts.push(`<text x="${x(tick)}" y="${y + height + 12}" class="tick">${tick}×</text>`)
    }
    names.forEach((name, index) => {
      const r = rows[name]
      const top = y + index * (BAR + GAP)
      const kind = contenders[name]?.ours ? 'ours' : contenders[name]?.peer ? 'peer' : 'base'
      const end = Number.isFinite(r.timesFrameFloor) ? x(Math.max(low, r.timesFrameFloor)) : LABEL
      const cut = r.saturatedRuns * 2 > r.runs ? '≥ ' : ''
      const fps = Number.isFinite(r.fps) ? `${Math.round(r.fps)} fps` : 'no frames'
      // A run cut off has no count (NaN, or null once read back from the JSON): it lost nothing we know of.
      const lost =
        Number.isFinite(r.delivered) && r.delivered < r.sent ? ` · only ${Math.round(r.delivered)} of ${r.sent} events delivered` : ''
      parts.push(`<text x="${LABEL - 6}" y="${top + BAR - 3}" class="name">${escape(name)}</text>`)
      parts.push(`<rect x="${LABEL}" y="${top}" width="${Math.max(1, end - LABEL)}" height="${BAR}" class="${kind}"/>`)
      parts.push(`<text x="${end + 4}" y="${top + BAR - 3}" class="val">${cut}${r.timesFrameFloor.toFixed(2)}× · ${fps}${lost}</text>`)
    })
    y += height + 48
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y}" viewBox="0 0 ${WIDTH} ${y}" font-family="system-ui, sans-serif" font-size="12">`,
    '<style>.h{font-weight:600;font-size:13px}.name{text-anchor:end}.tick{text-anchor:middle;fill:#666;font-size:10px}' +
      '.grid{stroke:#ddd}.one{stroke:#333;stroke-dasharray:3 2}.ours{fill:#2563eb}.peer{fill:#9ca3af}.base{fill:#111827}.val{fill:#111;font-size:11px}</style>',
    '<rect width="100%" height="100%" fill="#fff"/>',
    `<text x="10" y="20" class="h">Main-thread busy time per 1,000 events, × the floor that writes once per frame (log scale; lower is better)</text>`,
    `<text x="10" y="36" fill="#555">${escape(caption)}</text>`,
    '<rect x="10" y="46" width="10" height="10" class="base"/><text x="24" y="55">floors, hand-rolled React</text>' +
      '<rect x="190" y="46" width="10" height="10" class="ours"/><text x="204" y="55">sse-hooks</text>' +
      '<rect x="290" y="46" width="10" height="10" class="peer"/><text x="304" y="55">peers</text>' +
      '<text x="360" y="55" fill="#555">≥: cut off while still busy; label: × that floor · frames per second</text>',
    ...parts,
    '</svg>',
    '',
  ].join('\n')
}
