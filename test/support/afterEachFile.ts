import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { stopAll } from './processes.js';

// Every temporary folder a test file makes (mkdtemp under os.tmpdir()) lands in one folder of its
// own, removed when the file ends: a run leaves nothing in the system's temp directory. Registered
// first, so it runs after the processes below are stopped (after-hooks run last-registered first).
// The system's temp directory, remembered before the first file points TMPDIR at its own folder
// (files may share a process: `npm run test:unit` runs them without isolation).
const systemTmp = (process.env.CAREERBOT_SYSTEM_TMPDIR ??= tmpdir());
const root = mkdtempSync(join(systemTmp, 'careerbot-test-'));
process.env.TMPDIR = root;
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Code tests run on the frozen copy of the seed knowledge, in this process and in every process a
// test starts (the bot, the CLI): knowledge/ is the admins' to change.
process.env.KNOWLEDGE_DIR ??= join(import.meta.dirname, '..', 'fixtures', 'knowledge');

// Every process a test file started is stopped when the file ends, in every path (failures too).
afterAll(stopAll, 10_000);
