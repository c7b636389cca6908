/**
 * The place card's small map, drawn on the device as SVG (createElementNS,
 * textContent): the place, the story's other places near it and the route the
 * story follows. No tiles, no network. Equirectangular projection scaled by
 * cos(latitude) around the middle of the points: honest at the scale of a
 * region (a few hundred km), which is all the card shows.
 */
import type { CardMap, MapPoint } from '../core/card-model';

const SVG = 'http://www.w3.org/2000/svg';
export const MAP_WIDTH = 288;
export const MAP_HEIGHT = 150;
const PAD = 22;

export interface Projected extends MapPoint {
  x: number;
  y: number;
}

/** Projects points into the map box, keeping the aspect ratio; exported for tests. */
export function projectPoints(points: MapPoint[], width = MAP_WIDTH, height = MAP_HEIGHT, pad = PAD): Projected[] {
  if (!points.length) return [];
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const k = Math.cos((midLat * Math.PI) / 180);
  const xs = lons.map((l) => l * k);
  const ys = lats.map((l) => -l);
  let minX = Math.min(...xs);
  let maxX = Math.max(...xs);
  let minY = Math.min(...ys);
  let maxY = Math.max(...ys);
  // a lone point (or very close ones) gets a ~2° frame so it sits in the middle
  const minSpan = 2;
  if (maxX - minX < minSpan) [minX, maxX] = [(minX + maxX) / 2 - minSpan / 2, (minX + maxX) / 2 + minSpan / 2];
  if (maxY - minY < minSpan) [minY, maxY] = [(minY + maxY) / 2 - minSpan / 2, (minY + maxY) / 2 + minSpan / 2];
  const scale = Math.min((width - 2 * pad) / (maxX - minX), (height - 2 * pad) / (maxY - minY));
  const offX = (width - (maxX - minX) * scale) / 2;
  const offY = (height - (maxY - minY) * scale) / 2;
  return points.map((p, i) => ({ ...p, x: offX + (xs[i] - minX) * scale, y: offY + (ys[i] - minY) * scale }));
}

function el<K extends keyof SVGElementTagNameMap>(doc: Document, tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = doc.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

export function renderMap(doc: Document, map: CardMap): SVGSVGElement {
  const unique = new Map<string, MapPoint>();
  for (const p of [map.place, ...map.route, ...map.others]) if (!unique.has(p.id)) unique.set(p.id, p);
  const projected = new Map(projectPoints([...unique.values()]).map((p) => [p.id, p]));

  const svg = el(doc, 'svg', { viewBox: `0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`, width: MAP_WIDTH, height: MAP_HEIGHT, class: 'map', role: 'img' });
  const names = [...unique.values()].map((p) => p.name);
  svg.setAttribute(
    'aria-label',
    `Map: ${map.place.name}${names.length > 1 ? ` among ${names.filter((n) => n !== map.place.name).join(', ')}` : ''}${map.route.length ? `; ${map.routeLabel ?? 'route'}: ${map.route.map((p) => p.name).join(' → ')}` : ''}`,
  );
  svg.append(el(doc, 'rect', { x: 0, y: 0, width: MAP_WIDTH, height: MAP_HEIGHT, rx: 6, class: 'map-bg' }));

  if (map.route.length >= 2) {
    const pts = map.route.map((p) => projected.get(p.id)!).map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`);
    svg.append(el(doc, 'polyline', { points: pts.join(' '), class: 'map-route' }));
  }

  const placed: { x: number; y: number }[] = [];
  const label = (p: Projected, cls: string) => {
    // labels go right of the dot, or left near the right edge; nudged down when they would sit on another label
    const right = p.x < MAP_WIDTH - 90;
    let y = p.y + 4;
    while (placed.some((q) => Math.abs(q.y - y) < 11 && Math.abs(q.x - p.x) < 90)) y += 11;
    placed.push({ x: p.x, y });
    const t = el(doc, 'text', { x: right ? p.x + 7 : p.x - 7, y, class: cls, 'text-anchor': right ? 'start' : 'end' });
    t.textContent = p.name;
    svg.append(t);
  };

  const here = projected.get(map.place.id)!;
  const rest = [...projected.values()].filter((p) => p.id !== map.place.id);
  for (const p of rest) svg.append(el(doc, 'circle', { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: 3, class: 'map-dot' }));
  svg.append(el(doc, 'circle', { cx: here.x.toFixed(1), cy: here.y.toFixed(1), r: 5.5, class: 'map-here' }));
  label(here, 'map-label map-label-here');
  for (const p of rest) label(p, 'map-label');
  return svg;
}
