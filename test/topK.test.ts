import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topK } from '../src/search/topK.js';

describe('topK', () => {
  it('gives the same k first items as a full sort, for any list', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.nat(60), (list, k) => {
        const byValue = (a: number, b: number) => b - a;
        expect(topK([...list], k, byValue)).toEqual([...list].sort(byValue).slice(0, k));
      }),
    );
  });
});
