import { afterAll } from 'vitest';
import { stopAll } from './processes.js';

// Every process a test file started is stopped when the file ends, in every path (failures too).
afterAll(stopAll, 10_000);
