/**
 * The place card's small map, drawn on the device as SVG (createElementNS):
 * the place, the story's other places near it and the route the
 * story follows. No tiles, no network. Equirectangular projection scaled by
 * cos(latitude) around the middle of the points: honest at the scale of a
 * region (a few hundred km), which is all the card shows. The places' names
 * are not SVG text (a page's window.find would search it) but the card's
 * generated content (card-text.ts), laid over the drawing at the same points.
 */
import type { CardMap, MapPoint } from '../core/card-model';
import { displayText } from '../core/display-text';
import { el, svgEl } from './dom';
import { shown } from './card-text';
import { t } from './i18n';

const MAP_WIDTH = 288;
const MAP_HEIGHT = 150;
const PAD = 18;

interface Projected extends MapPoint {
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

type Box = { x0: number; y0: number; x1: number; y1: number };

/** "Map: Ussuriysk among Khasan, Pyongyang; route: Pyongyang → Khasan → Ussuriysk" (every place, labelled or not). */
function mapLabel(map: CardMap, names: string[]): string {
  const others = names.filter((n) => n !== map.place.name);
  const parts = [t('cardMap', map.place.name)];
  if (names.length > 1) parts.push(` ${t('cardMapAmong', others.join(', '))}`);
  if (map.route.length)
    parts.push(`; ${t('cardMapRoute', map.routeLabel ?? t('cardMapRouteDefault'), map.route.map((p) => p.name).join(' → '))}`);
  return parts.join('');
}

/** The map's figure: the drawing, named for screen readers by its aria-label, and the names laid over it. */
export function renderMap(doc: Document, map: CardMap): HTMLElement {
  const unique = new Map<string, MapPoint>();
  for (const p of [map.place, ...map.route, ...map.others]) if (!unique.has(p.id)) unique.set(p.id, p);
  const projected = new Map(projectPoints([...unique.values()]).map((p) => [p.id, p]));

  const svg = svgEl(doc, 'svg', {
    viewBox: `0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`,
    width: MAP_WIDTH,
    height: MAP_HEIGHT,
    class: 'map',
    role: 'img',
  });
  svg.setAttribute(
    'aria-label',
    displayText(
      mapLabel(
        map,
        [...unique.values()].map((p) => p.name),
      ),
    ),
  );
  svg.append(svgEl(doc, 'rect', { x: 0, y: 0, width: MAP_WIDTH, height: MAP_HEIGHT, rx: 6, class: 'map-bg' }));
  if (map.route.length >= 2) {
    const pts = map.route.map((p) => projected.get(p.id)!).map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`);
    svg.append(svgEl(doc, 'polyline', { points: pts.join(' '), class: 'map-route' }));
  }
  const here = projected.get(map.place.id)!;
  const rest = [...projected.values()].filter((p) => p.id !== map.place.id);
  for (const p of rest) svg.append(svgEl(doc, 'circle', { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: 3, class: 'map-dot' }));
  svg.append(svgEl(doc, 'circle', { cx: here.x.toFixed(1), cy: here.y.toFixed(1), r: 5.5, class: 'map-here' }));
  // every dot is taken before any label is placed
  const taken: Box[] = [...projected.values()].map((p) => ({ x0: p.x - 3, y0: p.y - 3, x1: p.x + 3, y1: p.y + 3 }));
  // hidden from screen readers: the drawing's aria-label names every place
  const labels = el(doc, 'div', { 'aria-hidden': 'true' });
  placeLabel(doc, labels, taken, here, 'map-label map-label-here', 6.6);
  for (const p of rest) placeLabel(doc, labels, taken, p, 'map-label', 5.8);
  return el(doc, 'figure', { className: 'map-figure' }, [svg, labels]);
}

const hits = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * A place's name: right of the dot, else left, above or below; one that fits nowhere (inside the map, clear
 * of the other labels and dots) is left out - the map's aria-label still names every place.
 */
function placeLabel(doc: Document, labels: HTMLElement, taken: Box[], p: Projected, cls: string, charWidth: number): void {
  const w = p.name.length * charWidth;
  const hgt = 11;
  const options: { x: number; y: number; anchor: 'start' | 'end' | 'middle'; box: Box }[] = [
    { x: p.x + 7, y: p.y + 4, anchor: 'start', box: { x0: p.x + 6, y0: p.y - 6, x1: p.x + 8 + w, y1: p.y + 5 } },
    { x: p.x - 7, y: p.y + 4, anchor: 'end', box: { x0: p.x - 8 - w, y0: p.y - 6, x1: p.x - 6, y1: p.y + 5 } },
    { x: p.x, y: p.y - 8, anchor: 'middle', box: { x0: p.x - w / 2, y0: p.y - 8 - hgt + 2, x1: p.x + w / 2, y1: p.y - 6 } },
    { x: p.x, y: p.y + 16, anchor: 'middle', box: { x0: p.x - w / 2, y0: p.y + 6, x1: p.x + w / 2, y1: p.y + 18 } },
  ];
  const ownDot = (b: Box) => b.x0 <= p.x && p.x <= b.x1 && b.y0 <= p.y && p.y <= b.y1;
  const fit = options.find(
    (o) =>
      o.box.x0 >= 3 &&
      o.box.y0 >= 2 &&
      o.box.x1 <= MAP_WIDTH - 3 &&
      o.box.y1 <= MAP_HEIGHT - 2 &&
      !taken.some((b) => !ownDot(b) && hits(b, o.box)),
  );
  if (!fit) return;
  taken.push(fit.box);
  // at the point SVG text would start, end or centre its baseline, in percent of the map: it scales with it (card.css)
  const label = shown(doc, p.name, `${cls} ${fit.anchor}`);
  label.style.setProperty('left', `${((fit.x / MAP_WIDTH) * 100).toFixed(2)}%`);
  label.style.setProperty('top', `${((fit.y / MAP_HEIGHT) * 100).toFixed(2)}%`);
  labels.append(label);
}
