import * as clientErrors from './client-errors.js';
import * as interactionCreate from './interaction-create.js';
import * as messageCreate from './message-create.js';
import * as ready from './ready.js';
import type { Listener } from './types.js';

export const listeners = [ready, clientErrors, interactionCreate, messageCreate] as unknown as Listener[];
