// The results as Markdown tables: one per scenario, then the targets. Printed, and pasted into
// docs/performance-browser.md.
const number = (value, digits = 1) =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—'
const ratio = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '—')

function row(name, r, capS) {
  const mostlyCut = r.saturatedRuns * 2 > r.runs
  return [
    r.ours ? `**${name}**` : name,
    `${mostlyCut ? '≥ ' : ''}${number(r.busyMsPer1000)}`,
    ratio(r.timesFloor),
    ratio(r.timesHandRolled),
    ratio(r.timesBestPeer),
    number(r.fps, 0),
    Number.isFinite(r.catchUpMs) ? `${number(r.catchUpMs / 1000, 2)} s` : `> ${capS} s`,
    `${number(r.delivered, 0)} / ${number(r.sent, 0)}`,
    `${number(r.shown, 0)} / ${number(r.cells, 0)}`,
    String(r.connections),
    number(r.heapMB),
    number(r.gzipBytes / 1024),
  ]
}

const HEADER = [
  'contender',
  'busy ms / 1,000 events',
  '× floor',
  '× hand-rolled',
  '× fastest peer',
  'fps',
  'catch-up',
  'delivered / sent',
  'elements showing the last value',
  'connections',
  'heap after GC, MB',
  'page JS gzip, KB',
]

export function markdownTables(summary, contenders, capS) {
  const lines = []
  for (const [scenario, rows] of Object.entries(summary)) {
    lines.push(`### ${scenario}`, '', `| ${HEADER.join(' | ')} |`, `|${HEADER.map((_, i) => (i ? ' ---: ' : ' --- ')).join('|')}|`)
    for (const [name, r] of Object.entries(rows)) {
      lines.push(`| ${row(name, { ...r, ours: contenders[name]?.ours }, capS).join(' | ')} |`)
    }
    lines.push('')
  }
  return lines.join('\n')
}

export function markdownTargets(targets) {
  return ['| target | result | measured |', '| --- | --- | --- |']
    .concat(targets.map((t) => `| ${t.target} | ${t.pass ? 'pass' : '**FAIL**'} | ${t.detail} |`))
    .join('\n')
}
