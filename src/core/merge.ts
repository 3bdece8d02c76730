/** Later objects win, but an `undefined` value never overrides an earlier one. */
export const mergeDefined = <T extends object>(...layers: T[]): T => {
  const merged: Record<string, unknown> = {}
  for (const layer of layers) for (const [name, value] of Object.entries(layer)) if (value !== undefined) merged[name] = value
  return merged as T
}
