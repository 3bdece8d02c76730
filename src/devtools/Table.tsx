'use client'
import type { ReactNode } from 'react'

/** A table that scrolls sideways on a narrow screen, labelled by the heading `labelledBy`. */
export function Table({ labelledBy, columns, children }: { labelledBy: string; columns: readonly string[]; children: ReactNode }) {
  return (
    <div className="scroll">
      <table aria-labelledby={labelledBy}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}
