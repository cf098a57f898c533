/** Run by bench.ts in a process of its own, so the heap it reports holds only one bot. */
import { heapBench } from './discordBench.js';

for (const line of await heapBench()) console.log(line);
