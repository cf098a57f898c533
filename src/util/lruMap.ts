/**
 * A map that keeps its `capacity` most recently used entries: `get` marks an entry used, `set`
 * drops the least recently used one when full. A Map keeps insertion order, so the first key is
 * always the oldest. One implementation for every bounded cache of the project.
 */
export class LruMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): this {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.map.delete(oldest.value);
    }
    return this;
  }

  get size(): number {
    return this.map.size;
  }
}
