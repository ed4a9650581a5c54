/** Sources of events that are not catalog providers. */
const ownLabels: Record<string, string> = { custom: 'Custom webhook', weft: 'Weft' };

/**
 * The name to show for an event's or delivery's provider: the catalog's name when known.
 *
 * @example providerLabel('custom') // 'Custom webhook'
 */
export function providerLabel(id: string, catalogName?: string): string {
  return catalogName ?? ownLabels[id] ?? id;
}
