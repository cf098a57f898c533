/** A problem in a knowledge file, reported as `path:line: what is wrong`. */
export class KnowledgeError extends Error {
  constructor(
    readonly path: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${path}:${line}: ${problem}`);
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
