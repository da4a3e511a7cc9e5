import type { DiscordSource } from '../../answer/source.js';
import { buttonStates, type ButtonCodec } from './family.js';

/** A private /source reply its asker may share: the reply as shown to them, and who they are. */
export interface SourceState {
  reply: DiscordSource;
  askerId: string;
}

/** "Share" under a private /source reply: `vs:share:<key>`. */
export interface SourceButton {
  key: string;
}

export const sourceStates = buttonStates<SourceState>();

const PREFIX = 'vs';

function encode(button: SourceButton): string {
  return `${PREFIX}:share:${button.key}`;
}

function decode(customId: string): SourceButton | null {
  const match = /^vs:share:([\w-]{1,32})$/.exec(customId);
  return match ? { key: match[1]! } : null;
}

/** The Share button's ids, for the renderer that lays the button out and for its handler (`source.ts`). */
export const sourceIds: ButtonCodec<SourceButton> = { prefix: PREFIX, encode, decode };
