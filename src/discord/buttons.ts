/** Paging and buttons: which buttons an answer gets, and what an old or foreign button says. */
import { PAGE_SIZE } from '../answers/answer.js';
import type { Answer } from '../answers/types.js';
import type { ButtonStates, PageRequest, Visibility } from './buttonState.js';
import type { ReplyButtons } from './reply.js';

/** What a click on a button careerbot cannot answer says. */
export const BUTTON_PROBLEMS = {
  stale: 'The knowledge has been updated since this answer was given. Ask again to see the current passages.',
  expired: 'This answer has expired. Ask again to page through it.',
  foreign: 'That button is not one careerbot understands. Ask again with a slash command.',
} as const;

/**
 * The buttons of an answer: More/Back, and on a private answer Share in channel, or Reply in
 * channel when it answers a member's message (`target`, carried by every page's buttons;
 * `canReply` false where the bot cannot post there).
 */
export function buttonsFor(
  states: ButtonStates,
  request: PageRequest,
  answer: Answer,
  visibility: Visibility,
  target?: { id: string; canReply: boolean },
): ReplyButtons {
  const buttons: ReplyButtons = {};
  if (answer.kind === 'error' || (answer.kind === 'message' && answer.noMatch)) return buttons;
  const targetId = visibility === 'private' ? target?.id : undefined;
  if (answer.kind === 'passages') {
    buttons.back = states.encode(
      'page',
      visibility,
      { ...request, offset: Math.max(0, answer.offset - PAGE_SIZE) },
      targetId,
    );
    buttons.more = states.encode(
      'page',
      visibility,
      { ...request, offset: answer.offset + answer.results.length },
      targetId,
    );
  }
  if (visibility === 'private') {
    if (!target) buttons.share = states.encode('share', 'private', request);
    else if (target.canReply) buttons.reply = states.encode('reply', 'private', request, target.id);
  }
  return buttons;
}

/** The feedback buttons of an answer: its id (the interaction's) and the vote; no member data. */
export function feedbackButtons(answerId: string): { up: string; down: string } {
  return { up: `cb1|f|${answerId}|u`, down: `cb1|f|${answerId}|d` };
}

/** A feedback button's answer and vote, or undefined for any other custom_id. */
export function readFeedback(customId: string): { answerId: string; vote: 1 | -1 } | undefined {
  const m = /^cb1\|f\|(\d{1,20})\|([ud])$/.exec(customId);
  return m ? { answerId: m[1]!, vote: m[2] === 'u' ? 1 : -1 } : undefined;
}
