/**
 * Button custom ids carry what a click needs: `vb:full:<passageId>`, `vb:ctx:<passageId>[:<stateKey>]`,
 * `vb:page:<stateKey>:<page>`, `vb:free:<stateKey>` (ask again without the limits the question's words state). Paging
 * state itself lives in a bounded in-memory cache under the key.
 */
export type ButtonAction =
  | { action: 'full'; passageId: number }
  | { action: 'ctx'; passageId: number; stateKey?: string }
  | { action: 'page'; stateKey: string; page: number }
  | { action: 'free'; stateKey: string };

const PREFIX = 'vb';
const STATE_KEY = /^[\w-]{1,32}$/;

export function encodeCustomId(a: ButtonAction): string {
  switch (a.action) {
    case 'full':
      return `${PREFIX}:full:${a.passageId}`;
    case 'ctx':
      return a.stateKey ? `${PREFIX}:ctx:${a.passageId}:${a.stateKey}` : `${PREFIX}:ctx:${a.passageId}`;
    case 'page':
      return `${PREFIX}:page:${a.stateKey}:${a.page}`;
    case 'free':
      return `${PREFIX}:free:${a.stateKey}`;
  }
}

export function decodeCustomId(id: string): ButtonAction | null {
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
