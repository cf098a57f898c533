/** A button of a reply, as the tests read it. */
export interface ReplyButton {
  custom_id: string;
  label: string;
  style?: number;
  disabled?: boolean;
}

/** Every button of a callback's (or a sent message's) `data.components`, row by row. */
export function buttonsOf(body: unknown): ReplyButton[] {
  const data = (body as { data?: { components?: Array<{ components?: ReplyButton[] }> } } | undefined)?.data;
  return data?.components?.flatMap((r) => r.components ?? []) ?? [];
}
