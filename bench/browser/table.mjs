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
    ratio(r.timesFrameFloor),
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
  '× floor, per frame',
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

const ms = (value) => (Number.isFinite(value) ? `${number(value, value < 10 ? 1 : 0)} ms` : '—')

/** The cross-tab scenario's table (from runCrossTab's result), and a line on connections and losses. */
export function markdownCrossTab({ summary: s, schedule }) {
  const behind = schedule.tabs - 2
  const header = [
    'tab',
    'extra latency over the leader, p50',
    'p99',
    'main-thread ms / 1,000 events',
    'in the same place with a connection of its own',
    '× own connection',
    'fps (own connection)',
  ]
  const line = (cells) => `| ${cells.join(' | ')} |`
  const times = (r) => [
    number(r.busyMsPer1000),
    number(r.ownBusyMsPer1000),
    ratio(r.timesOwn),
    `${number(r.fps, 0)} (${number(r.ownFps, 0)})`,
  ]
  const place = (name, r) => line([name, ms(r.p50Ms), ms(r.p99Ms), ...times(r)])
  return [
    line(header),
    `|${header.map((_, i) => (i ? ' ---: ' : ' --- ')).join('|')}|`,
    place('**follower in front**', s.front),
    place(`followers behind it (${behind})`, s.behind),
    line(['leader (behind)', '—', '—', ...times(s.leader)]),
    '',
    `Connections the server saw: ${s.connections} for the ${schedule.tabs} tabs with crossTab, ${s.ownConnections} without.`,
    `Events that reached a follower's listener: at least ${number(s.leastDeliveredToAFollower, 0)} of ${number(s.sent, 0)}`,
    '(the fewest of any follower in any run).',
    `Every follower's delays pooled: p50 ${ms(s.allFollowers.p50Ms)}, p99 ${ms(s.allFollowers.p99Ms)}, over`,
    `${number(s.allFollowers.samples, 0)} events; the smallest ${number(Math.round(s.allFollowers.minMs * 10) / 10 + 0, 1)} ms.`,
  ].join('\n')
}
