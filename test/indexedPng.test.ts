import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { indexedPng } from '../src/chart/indexedPng.js';
import { renderChart } from '../src/chart/renderChart.js';
import { Session } from '../src/cli/session.js';
import { seedEngine } from './helpers.js';

/** Pixels with `colors` distinct RGBA values in a pattern, some translucent. */
function pattern(width: number, height: number, colors: number, translucent = false): Uint8Array {
  const px = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const c = (i * 7 + Math.floor(i / width)) % colors;
    // Distinct colours: the low and high bytes of c in red and green.
    px.set([c & 0xff, (c >> 8) * 50 + 7, 200, translucent && c % 3 === 0 ? 128 : 255], i * 4);
  }
  return px;
}

describe('indexed-colour PNG', () => {
  it.each([
    [2, false],
    [4, false],
    [16, false],
    [200, false],
    [256, true],
  ])('%i colours (translucent: %s) decode to exactly the pixels given', (colors, translucent) => {
    const width = 37;
    const height = 23;
    const px = pattern(width, height, colors, translucent);
    const png = indexedPng(px, width, height)!;
    expect(png[25]).toBe(3); // colour type: indexed
    const decoded = PNG.sync.read(png);
    expect(decoded.width).toBe(width);
    expect(Buffer.from(decoded.data).equals(Buffer.from(px))).toBe(true);
  });

  it('more than 256 colours is left to the RGBA encoder', () => {
    expect(indexedPng(pattern(40, 20, 300), 40, 20)).toBeUndefined();
  });

  it('the salary chart is an indexed PNG of its own colours, a fraction of the RGBA size', async () => {
    const { engine, commands } = await seedEngine();
    const answer = new Session(engine, commands).run('/salary')!;
    if (answer.kind !== 'passages' || !answer.chart) throw new Error('no chart');
    const chart = await renderChart(answer.chart);
    expect(chart.png[25]).toBe(3);
    const decoded = PNG.sync.read(chart.png);
    expect(decoded.width).toBe(960);
    // The same picture re-encoded as RGBA is far larger (what resvg wrote before).
    const rgba = PNG.sync.write(decoded, { colorType: 6 });
    expect(chart.png.length).toBeLessThan(rgba.length / 2);
  });
});
