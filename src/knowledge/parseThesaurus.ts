import { LineCounter, parseDocument as parseYaml } from 'yaml';
import { z } from 'zod';
import { KnowledgeError } from './errors.js';
import { yamlMistakeLine } from './yamlLine.js';
import { compileThesaurus, type Thesaurus, type ThesaurusData } from '../search/thesaurus.js';
import { LEVELS } from './types.js';

const PhraseList = z.array(z.string().trim().min(1));

export const ThesaurusSchema = z
  .object({
    levels: z
      .partialRecord(z.enum(LEVELS), z.object({ tags: PhraseList, asked: PhraseList.default([]) }).strict())
      .default({}),
    topics: z
      .record(z.string().regex(/^[a-z][a-z-]*$/, 'topic names are lower-case words'), PhraseList)
      .default({}),
    synonyms: z.array(z.string().trim().min(1)).default([]),
  })
  .strict();

// What the schema accepts is the thesaurus data search compiles (checked here by the compiler).
export type { ThesaurusData } from '../search/thesaurus.js';
type Checked = z.infer<typeof ThesaurusSchema> extends ThesaurusData ? true : never;
export const SCHEMA_MATCHES_DATA: Checked = true;

/** Parses `thesaurus.yaml`, naming the file and line of the first problem. */
export function parseThesaurus(path: string, text: string): Thesaurus {
  const lineCounter = new LineCounter();
  const doc = parseYaml(text, { lineCounter, prettyErrors: false });
  const [err] = doc.errors;
  if (err) {
    throw new KnowledgeError(
      path,
      yamlMistakeLine(text, err, lineCounter),
      `not valid YAML: ${err.message.split('\n')[0]}`,
    );
  }
  const parsed = ThesaurusSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const node = doc.getIn(issue.path as Array<string | number>, true) as
      { range?: [number, number] } | undefined;
    const parentPath = issue.path.slice(0, -1) as Array<string | number>;
    const parent = doc.getIn(parentPath, true) as { range?: [number, number] } | undefined;
    const offset = node?.range?.[0] ?? parent?.range?.[0] ?? 0;
    const where = issue.path.join('.') || 'the file';
    throw new KnowledgeError(path, lineCounter.linePos(offset).line, `${where}: ${issue.message}`);
  }
  return compileThesaurus(parsed.data);
}
