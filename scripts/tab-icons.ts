/**
 * Draws the tab bar's icons (miniprogram/assets/tab/*.png): simple line pictures, grey when
 * unselected and brand blue when selected, 81×81 px as WeChat recommends. Shapes are signed
 * distance functions sampled 4×4 per pixel for smooth edges; the PNGs are committed, run
 * `npx tsx scripts/tab-icons.ts` after changing a shape.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

const SIZE = 81;
/** Selected icons are drawn heavier as well as blue: the selection is not said by colour alone. */
const STROKES = { normal: 5.5, selected: 8 } as const;
let STROKE: number = STROKES.normal;
const OUT_DIR = join(__dirname, '..', 'miniprogram', 'assets', 'tab');

/** Distance from a point to the shape's outline (≤ 0 inside a filled shape). */
type Shape = (x: number, y: number) => number;

function segment(ax: number, ay: number, bx: number, by: number): Shape {
  return (x, y) => {
    const [px, py, dx, dy] = [x - ax, y - ay, bx - ax, by - ay];
    const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - t * dx, py - t * dy);
  };
}

function polyline(points: Array<[number, number]>, closed = false): Shape {
  const parts = points.slice(0, closed ? undefined : -1).map((p, i) => {
    const q = points[(i + 1) % points.length]!;
    return segment(p[0], p[1], q[0], q[1]);
  });
  return (x, y) => Math.min(...parts.map((part) => part(x, y)));
}

function ring(cx: number, cy: number, r: number): Shape {
  return (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r);
}

/** An arc of a circle from angle a to b (radians, clockwise from +x, y down). */
function arc(cx: number, cy: number, r: number, a: number, b: number): Shape {
  return (x, y) => {
    let angle = Math.atan2(y - cy, x - cx);
    if (angle < a) angle += 2 * Math.PI;
    if (angle >= a && angle <= b) return Math.abs(Math.hypot(x - cx, y - cy) - r);
    const ends = [a, b].map((t) => [cx + r * Math.cos(t), cy + r * Math.sin(t)] as const);
    return Math.min(...ends.map(([ex, ey]) => Math.hypot(x - ex, y - ey)));
  };
}

function dot(cx: number, cy: number, r: number): Shape {
  return (x, y) => Math.max(0, Math.hypot(x - cx, y - cy) - r + STROKE / 2);
}

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    Math.min(...shapes.map((shape) => shape(x, y)));

const ICONS: Record<string, Shape> = {
  // 首页: a house with a door.
  home: union(
    polyline([
      [12, 38],
      [40.5, 13],
      [69, 38],
    ]),
    polyline(
      [
        [20, 33],
        [20, 68],
        [61, 68],
        [61, 33],
      ],
      false,
    ),
    polyline([
      [34, 68],
      [34, 50],
      [47, 50],
      [47, 68],
    ]),
  ),
  // 议事: a speech bubble with three dots.
  council: union(
    polyline(
      [
        [12, 16],
        [69, 16],
        [69, 56],
        [36, 56],
        [22, 68],
        [24, 56],
        [12, 56],
      ],
      true,
    ),
    dot(28, 36, 3.6),
    dot(40.5, 36, 3.6),
    dot(53, 36, 3.6),
  ),
  // 活动: a calendar page with rings and a check.
  activity: union(
    polyline(
      [
        [13, 20],
        [68, 20],
        [68, 68],
        [13, 68],
      ],
      true,
    ),
    segment(13, 33, 68, 33),
    segment(27, 12, 27, 25),
    segment(54, 12, 54, 25),
    polyline([
      [28, 50],
      [37, 58],
      [54, 42],
    ]),
  ),
  // 食堂: a bowl with steam.
  canteen: union(
    segment(10, 40, 71, 40),
    arc(40.5, 40, 28, 0, Math.PI),
    arc(30, 22, 5, Math.PI / 2, (3 * Math.PI) / 2),
    arc(30, 12, 5, -Math.PI / 2, Math.PI / 2),
    arc(50, 22, 5, Math.PI / 2, (3 * Math.PI) / 2),
    arc(50, 12, 5, -Math.PI / 2, Math.PI / 2),
  ),
  // 我的: a person.
  me: union(ring(40.5, 27, 13), arc(40.5, 72, 27, Math.PI, 2 * Math.PI)),
};

const COLOURS = { normal: [0x59, 0x59, 0x59], selected: [0x00, 0x52, 0xd9] } as const;

function draw(shape: Shape, colour: readonly number[]): Buffer {
  const png = new PNG({ width: SIZE, height: SIZE });
  const samples = 4;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          if (shape(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples) <= STROKE / 2) covered++;
        }
      }
      const i = (y * SIZE + x) * 4;
      png.data[i] = colour[0]!;
      png.data[i + 1] = colour[1]!;
      png.data[i + 2] = colour[2]!;
      png.data[i + 3] = Math.round((255 * covered) / (samples * samples));
    }
  }
  return PNG.sync.write(png);
}

mkdirSync(OUT_DIR, { recursive: true });
for (const [name, shape] of Object.entries(ICONS)) {
  STROKE = STROKES.normal;
  writeFileSync(join(OUT_DIR, `${name}.png`), draw(shape, COLOURS.normal));
  STROKE = STROKES.selected;
  writeFileSync(join(OUT_DIR, `${name}-selected.png`), draw(shape, COLOURS.selected));
}
console.log(`tab icons written to ${OUT_DIR}`);
