/** A problem in a knowledge file, reported as `path:line: what is wrong`. */
export class KnowledgeError extends Error {
  constructor(
    readonly path: string,
    readonly line: number,
    readonly problem: string,
  ) {
    // Line 0: about the file or folder as a whole (it cannot be read), not a line of it.
    super(line > 0 ? `${path}:${line}: ${problem}` : `${path}: ${problem}`);
    this.name = 'KnowledgeError';
  }
}

/** Several knowledge problems found in one pass, so an admin can fix them all at once. */
export class KnowledgeErrors extends Error {
  constructor(readonly errors: KnowledgeError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'KnowledgeErrors';
  }
}
