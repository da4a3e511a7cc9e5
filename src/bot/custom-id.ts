/**
 * Button custom ids carry what a click needs: `vb:full:<passageId>`, `vb:ctx:<passageId>[:<stateKey>]`,
 * `vb:page:<stateKey>:<page>`. Paging state itself lives in a bounded in-memory cache under the key.
 */
export type ButtonAction =
  | { action: 'full'; passageId: number }
  | { action: 'ctx'; passageId: number; stateKey?: string }
  | { action: 'page'; stateKey: string; page: number };

const PREFIX = 'vb';

export function encodeCustomId(a: ButtonAction): string {
  switch (a.action) {
    case 'full':
      return `${PREFIX}:full:${a.passageId}`;
    case 'ctx':
      return a.stateKey ? `${PREFIX}:ctx:${a.passageId}:${a.stateKey}` : `${PREFIX}:ctx:${a.passageId}`;
    case 'page':
      return `${PREFIX}:page:${a.stateKey}:${a.page}`;
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
  if (action === 'page') {
    const page = int(b);
    return page === null || !/^[\w-]{1,32}$/.test(a) ? null : { action, stateKey: a, page };
  }
  return null;
}
