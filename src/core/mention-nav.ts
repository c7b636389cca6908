/**
 * Which mention comes next when a reader steps through a page's mentions
 * (card buttons, keyboard shortcut, popup). Pure: positions in, index out.
 */

/** The next index from `current` in `direction`, wrapping at both ends; -1 when there is nothing. */
export function stepIndex(current: number, count: number, direction: 1 | -1): number {
  if (count <= 0) return -1;
  if (current < 0 || current >= count) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}

/**
 * Where stepping starts when no card is open: the first mention at or below
 * the top of the viewport going forward, the last one above its bottom going
 * back. `tops` are the mentions' viewport tops in document order (not
 * necessarily sorted: a page can position blocks anywhere).
 */
export function startIndex(tops: readonly number[], viewportHeight: number, direction: 1 | -1): number {
  if (!tops.length) return -1;
  if (direction === 1) {
    const i = tops.findIndex((t) => t >= 0);
    return i >= 0 ? i : 0;
  }
  for (let i = tops.length - 1; i >= 0; i--) if (tops[i]! < viewportHeight) return i;
  return tops.length - 1;
}
