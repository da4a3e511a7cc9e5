import type { SearchFilters, SearchOptions } from '../../search/types.js';
import { buttonStates, type ButtonCodec } from './family.js';

/** A speaker picked from /ask's suggestions. */
export type ChosenSpeaker = NonNullable<SearchOptions['speaker']>;

/** What "More results", "Previous" and "Context" need to redo a search for another page. */
export type PageQuery =
  | { kind: 'ask'; question: string; filters?: Partial<SearchFilters>; speaker?: ChosenSpeaker; readLimits?: false; k: number }
  | { kind: 'org'; key: string; question?: string; k: number }
  | { kind: 'country'; code: string; topic?: string; k: number };

/** A page query and who asked it: only the asker's message changes when its pages are turned. */
export type PageState = PageQuery & { askerId: string };

/** The answers to questions, organizations and countries whose buttons are live, by the key in their ids. */
export const pageStates = buttonStates<PageState>();

/**
 * The buttons under an answer: `vb:full:<passageId>`, `vb:ctx:<passageId>[:<stateKey>]`, `vb:page:<stateKey>:<page>`,
 * `vb:free:<stateKey>` (ask again without the limits the question's words state).
 */
export type AnswerButton =
  | { action: 'full'; passageId: number }
  | { action: 'ctx'; passageId: number; stateKey?: string }
  | { action: 'page'; stateKey: string; page: number }
  | { action: 'free'; stateKey: string };

const PREFIX = 'vb';
const STATE_KEY = /^[\w-]{1,32}$/;

function encode(button: AnswerButton): string {
  switch (button.action) {
    case 'full':
      return `${PREFIX}:full:${button.passageId}`;
    case 'ctx':
      return button.stateKey ? `${PREFIX}:ctx:${button.passageId}:${button.stateKey}` : `${PREFIX}:ctx:${button.passageId}`;
    case 'page':
      return `${PREFIX}:page:${button.stateKey}:${button.page}`;
    case 'free':
      return `${PREFIX}:free:${button.stateKey}`;
  }
}

function decode(id: string): AnswerButton | null {
  const [prefix, action, a, b] = id.split(':');
  if (prefix !== PREFIX || a === undefined) return null;
  const int = (s: string | undefined): number | null => (s !== undefined && /^\d{1,12}$/.test(s) ? Number(s) : null);
  if (action === 'full') {
    const passageId = int(a);
    return passageId === null ? null : { action, passageId };
  }
  if (action === 'ctx') {
    const passageId = int(a);
    if (passageId === null) return null;
    return b ? { action, passageId, stateKey: b } : { action, passageId };
  }
  if (action === 'free') return STATE_KEY.test(a) ? { action, stateKey: a } : null;
  if (action === 'page') {
    const page = int(b);
    return page === null || !STATE_KEY.test(a) ? null : { action, stateKey: a, page };
  }
  return null;
}

/** The answer buttons' ids, for the renderers that lay the buttons out and for their handler (`answer.ts`). */
export const answerIds: ButtonCodec<AnswerButton> = { prefix: PREFIX, encode, decode };
