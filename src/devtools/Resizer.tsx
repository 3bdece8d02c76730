'use client'
import type { KeyboardEvent, PointerEvent } from 'react'
import type { PanelState } from './persist'

const STEP = 24

/** The panel's edge: drag it, or focus it and use the arrow keys, to resize the panel. */
export function Resizer({ state, update }: { state: PanelState; update: (patch: Partial<PanelState>) => void }) {
  const bottom = state.dock === 'bottom'
  const max = bottom ? globalThis.innerHeight : globalThis.innerWidth
  const onPointerDown = (down: PointerEvent<HTMLDivElement>) => {
    const target = down.currentTarget
    target.setPointerCapture(down.pointerId)
    const start = bottom ? down.clientY : down.clientX
    const from = state.size
    const move = (event: globalThis.PointerEvent) =>
      update({ size: Math.min(max, from + start - (bottom ? event.clientY : event.clientX)) })
    const up = () => {
      target.removeEventListener('pointermove', move)
      target.removeEventListener('pointerup', up)
    }
    target.addEventListener('pointermove', move)
    target.addEventListener('pointerup', up)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const grow = bottom ? { ArrowUp: 1, ArrowDown: -1 } : { ArrowLeft: 1, ArrowRight: -1 }
    const sign = grow[event.key as keyof typeof grow]
    if (!sign) return
    event.preventDefault()
    update({ size: Math.min(max, state.size + sign * STEP) })
  }
  return (
    <div
      className="resizer"
      role="separator"
      tabIndex={0}
      aria-label={`Resize the panel (${bottom ? 'up and down' : 'left and right'} arrow keys)`}
      aria-orientation={bottom ? 'horizontal' : 'vertical'}
      aria-valuenow={Math.round(state.size)}
      aria-valuemin={120}
      aria-valuemax={Math.round(max)}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  )
}
