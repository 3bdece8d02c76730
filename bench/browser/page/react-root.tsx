// Mounts a contender's React tree: one <Cell> per element, inside whatever provider it needs.
import type { ComponentType, ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import { cells, ready } from './harness'

export interface CellProps {
  readonly type: string
}

/** What every React contender renders: the `seq` of the latest value of its type. */
export function Value({ type, seq }: { type: string; seq: number | undefined }) {
  return <span data-t={type}>{seq ?? ''}</span>
}

export function mountCells(Cell: ComponentType<CellProps>, wrap: (children: ReactNode) => ReactNode = (c) => c): void {
  const container = document.getElementById('root') ?? document.body
  createRoot(container).render(wrap(cells.map((cell) => <Cell key={cell.key} type={cell.type} />)))
  // After the commit and the effects that subscribe.
  requestAnimationFrame(() => setTimeout(ready, 0))
}
