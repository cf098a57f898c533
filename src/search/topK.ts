/**
 * The `k` best items of a list in order, without sorting the rest: a quickselect moves the k best
 * to the front (average linear time), then only those are sorted. `better(a, b) < 0` when a comes
 * first. The list is reordered in place.
 */
export function topK<T>(items: T[], k: number, better: (a: T, b: T) => number): T[] {
  if (items.length > k) {
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const pivot = items[(lo + hi) >>> 1]!;
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (better(items[i]!, pivot) < 0) i++;
        while (better(pivot, items[j]!) < 0) j--;
        if (i <= j) {
          const t = items[i]!;
          items[i++] = items[j]!;
          items[j--] = t;
        }
      }
      if (k - 1 <= j) hi = j;
      else if (k - 1 >= i) lo = i;
      else break;
    }
  }
  return items.slice(0, k).sort(better);
}
