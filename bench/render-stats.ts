// Counters the bench components report to while they render. A module of its own, so a
// component calls a function rather than mutating module state in its body.
export const renderStats = {
  commits: 0,
  renders: 0,
  statusRenders: 0,
  seen: [] as number[],
  /** The payload sequence number each tile rendered last. */
  tileSeqs: new Int32Array(0),
  reset(tiles: number) {
    this.commits = 0
    this.renders = 0
    this.statusRenders = 0
    this.seen = []
    this.tileSeqs = new Int32Array(tiles)
  },
  tile(index: number, seq: number) {
    this.renders++
    this.tileSeqs[index] = seq
  },
  status() {
    this.statusRenders++
  },
  allTilesAt(seq: number): boolean {
    return this.tileSeqs.every((tileSeq) => tileSeq === seq)
  },
}
