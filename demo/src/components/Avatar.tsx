import type { CSSProperties } from 'react'

/** A colored initial; the hue comes from the name, so a user keeps their color everywhere. */
export function Avatar({ name }: { name: string }) {
  let hue = 0
  for (const char of name) hue = (hue * 31 + (char.codePointAt(0) ?? 0)) % 360
  const initial = [...name][0]?.toUpperCase() ?? '?'
  return (
    <span className="avatar" style={{ '--hue': hue } as CSSProperties} aria-hidden="true">
      {initial}
    </span>
  )
}
