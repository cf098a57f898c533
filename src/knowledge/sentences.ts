/** Splits prose into sentences: a full stop, question or exclamation mark followed by a capital. */
export function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z0-9"“(*])/u).filter((s) => s.trim());
}
