import { expect } from 'vitest';
import type { Harness } from '../support/discord/harness.js';
import { rendered } from '../support/discord/harness.js';
import type { RecordedRequest } from '../support/discord/server.js';

/** Buttons of a message body: label and custom id, in order. */
export function buttons(body: any): { label: string; customId: string }[] {
  return (body?.components ?? []).flatMap((row: any) => row.components.map((b: any) => ({ label: b.label, customId: b.custom_id })));
}

export function button(body: any, label: string | RegExp): string {
  const found = buttons(body).find((b) => (typeof label === 'string' ? b.label === label : label.test(b.label)));
  if (!found)
    throw new Error(
      `no button ${label} among ${buttons(body)
        .map((b) => b.label)
        .join(', ')}`,
    );
  return found.customId;
}

/** The verbatim pieces of each embed's quote (between "…" marks), as a reader sees them. */
export function quotePieces(embed: any): string[] {
  return rendered(embed.description ?? '')
    .split('…')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Every quote in an answer is made of exact pieces of the paragraph its buttons point to. */
export function expectVerbatim(h: Harness, body: any): void {
  const ctx = buttons(body).filter((b) => b.customId.startsWith('vb:ctx:'));
  expect(ctx.length).toBe(body.embeds.length);
  body.embeds.forEach((embed: any, i: number) => {
    const passageId = Number(ctx[i]!.customId.split(':')[2]);
    const passage = h.archive.inner.passage(passageId);
    expect(passage).not.toBeNull();
    for (const piece of quotePieces(embed)) expect(passage!.text).toContain(piece);
  });
}

/** Message-sending calls (anything with content or embeds). */
function messageCalls(h: Harness): RecordedRequest[] {
  return h.server.requests.filter(
    (r) => r.body && typeof r.body === 'object' && ('content' in r.body || 'embeds' in r.body || 'data' in r.body),
  );
}

/** Nothing the bot sent could ping anyone. */
export function expectNoPings(h: Harness): void {
  for (const r of messageCalls(h)) {
    const data = r.body.data ?? r.body;
    if (r.path.endsWith('/callback') && !('content' in data || 'embeds' in data)) continue;
    expect(data.allowed_mentions, `${r.method} ${r.path}`).toEqual(expect.objectContaining({ parse: [] }));
    expect(JSON.stringify(data)).not.toMatch(/@(everyone|here)/);
  }
}
