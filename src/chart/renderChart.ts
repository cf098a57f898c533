/**
 * Draws a range chart: Vega-Lite compiles the spec, Vega lays it out and writes SVG headlessly, and
 * resvg rasterises it to PNG with DejaVu Sans (installed from npm), so the picture is the same on
 * any machine: no browser, no canvas, no system fonts. The libraries load on first use only, so the
 * console and the one-shot CLI start as fast as before.
 */
import { indexedPng } from './indexedPng.js';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChartData } from './chartData.js';
import { CHART_THEME, CHART_WIDTH, chartSpec } from './chartSpec.js';

const require = createRequire(import.meta.url);

/** The PNG is drawn at this many pixels per CSS pixel, for sharp text on high-density screens. */
export const PIXEL_RATIO = 2;

const FONT_DIR = join(require.resolve('dejavu-fonts-ttf/package.json'), '..', 'ttf');
export const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => join(FONT_DIR, f));

/** A laid-out mark as Vega's scenegraph holds it (positions relative to its group). */
export interface SceneNode {
  marktype?: string | undefined;
  role?: string | undefined;
  name?: string | undefined;
  x?: number;
  y?: number;
  x2?: number;
  width?: number;
  height?: number;
  opacity?: number;
  text?: string | undefined;
  items?: SceneNode[];
}

interface Renderer {
  svgOf(spec: Record<string, unknown>): Promise<string>;
  sceneOf(spec: Record<string, unknown>): Promise<SceneNode>;
  pngOf(svg: string, width: number): Buffer;
}

let renderer: Promise<Renderer> | undefined;

interface FontLike {
  unitsPerEm: number;
  charToGlyph(ch: string): { advanceWidth?: number };
}

/** Text widths as DejaVu Sans draws them, so Vega places labels where resvg will draw them. */
function widthsOf(font: FontLike): (text: string, size: number) => number {
  const advances = new Map<string, number>();
  return (text, size) => {
    let em = 0;
    for (const ch of text) {
      let a = advances.get(ch);
      if (a === undefined) {
        a = (font.charToGlyph(ch).advanceWidth ?? font.unitsPerEm * 0.6) / font.unitsPerEm;
        advances.set(ch, a);
      }
      em += a;
    }
    return em * size;
  };
}

/** Vega-Lite's warnings go nowhere: the spec is ours, tested, and the same for every chart. */
const quiet = {
  level() {
    return quiet;
  },
  error(...args: unknown[]) {
    throw new Error(args.map(String).join(' '));
  },
  warn: () => quiet,
  info: () => quiet,
  debug: () => quiet,
};

async function loadRenderer(): Promise<Renderer> {
  const [vega, vegaLite, opentype, resvg] = await Promise.all([
    import('vega'),
    import('vega-lite'),
    import('opentype.js').then((m) => m.default),
    import('@resvg/resvg-js'),
  ]);
  const parseFont = (file: string) => {
    const bytes = readFileSync(file);
    // lowMemory: glyphs are read when first asked for (the advance widths of a few hundred
    // characters), not all 6,000 of them up front: about 50 MB and 200 ms less.
    return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), {
      lowMemory: true,
    });
  };
  const regular = widthsOf(parseFont(FONT_FILES[0]!));
  const bold = widthsOf(parseFont(FONT_FILES[1]!));
  // Vega measures text with a canvas when one is installed and guesses otherwise; it takes a
  // measuring function instead (vl-convert does the same).
  const metrics = (vega as unknown as { textMetrics: { width: unknown } }).textMetrics;
  metrics.width = (item: { fontSize?: number; fontWeight?: string | number }, text: string) => {
    const size = item.fontSize != null ? Number(item.fontSize) : 11;
    const heavy = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
    return (heavy ? bold : regular)(String(text ?? '').trim(), size);
  };
  const viewOf = (spec: Record<string, unknown>) =>
    new vega.View(vega.parse(vegaLite.compile(spec as never, { logger: quiet }).spec), { renderer: 'none' });
  return {
    async svgOf(spec) {
      const view = viewOf(spec);
      try {
        return await view.toSVG();
      } finally {
        view.finalize();
      }
    },
    async sceneOf(spec) {
      const view = viewOf(spec);
      try {
        await view.runAsync();
        const scene = view.scenegraph() as unknown as { toJSON(): string };
        return JSON.parse(scene.toJSON()) as SceneNode;
      } finally {
        view.finalize();
      }
    },
    pngOf(svg, width) {
      const image = new resvg.Resvg(svg, {
        fitTo: { mode: 'width', value: width },
        background: CHART_THEME.background,
        font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: CHART_THEME.font },
      });
      const rendered = image.render();
      // The same picture with a palette of its own colours (a third of the size), when it has ≤ 256.
      return indexedPng(rendered.pixels, rendered.width, rendered.height) ?? rendered.asPng();
    },
  };
}

/** The width an SVG says it is, in CSS pixels. */
export function svgWidth(svg: string): number {
  return Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? NaN);
}

/** A drawn chart: the SVG (for `--svg` and the tests) and the PNG Discord shows. */
export interface RenderedChart {
  svg: string;
  png: Buffer;
  /** Size of the PNG in pixels. */
  width: number;
  height: number;
}

async function fittedSpec(data: ChartData) {
  if (!data.rows.length) throw new Error('a chart needs at least one yearly figure');
  renderer ??= loadRenderer();
  const r = await renderer;
  const spec = chartSpec(data);
  let svg = await r.svgOf(spec);
  // The farthest label on the right moves with the bars it follows, so a few passes may be needed.
  for (let pass = 0; pass < 4; pass++) {
    const spare = CHART_WIDTH - svgWidth(svg);
    if (Math.abs(spare) < 1) break;
    // Every currency's panel gets the same width, so their axes line up.
    const panels = (spec.vconcat as Array<{ spec: { width: number } }> | undefined) ?? [
      spec as { spec: { width: number } },
    ];
    for (const p of panels) p.spec.width = Math.max(80, p.spec.width + Math.round(spare));
    svg = await r.svgOf(spec);
  }
  return { r, spec, svg };
}

/** The chart's laid-out scenegraph (for tests: where every bar, dot and label landed). */
export async function chartScene(data: ChartData): Promise<SceneNode> {
  const { r, spec } = await fittedSpec(data);
  return r.sceneOf(spec);
}

/**
 * Draws the chart at CHART_WIDTH CSS pixels: it is laid out, then the bars' area is widened or
 * narrowed by what the labels left over, so every chart has the same width and text size whatever
 * its labels (the PNG is scaled to exactly twice that width).
 */
export async function renderChart(data: ChartData): Promise<RenderedChart> {
  const { r, svg } = await fittedSpec(data);
  const width = CHART_WIDTH * PIXEL_RATIO;
  const png = r.pngOf(svg, width);
  return { svg, png, width, height: png.readUInt32BE(20) };
}
