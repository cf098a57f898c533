/** The part of opentype.js careerbot uses (the package ships no types; Node loads it as CommonJS). */
declare module 'opentype.js' {
  export interface Font {
    unitsPerEm: number;
    charToGlyph(ch: string): { advanceWidth?: number };
  }
  const opentype: { parse(buffer: ArrayBuffer, options?: { lowMemory?: boolean }): Font };
  export default opentype;
}
