import { describe, expect, it } from 'vitest';
import { blockquote, escapeDiscord, neutralizeMentions, plainLabel } from '../../src/answer/escape.js';
import { rendered } from '../support/discord/harness.js';
import { files, paragraphs } from './corpus.js';

describe('escapeDiscord', () => {
  it('escapes the markdown found in real statements so they render exactly as written', () => {
    const nebenzia = paragraphs(files.nebenzia)[0]!.text;
    expect(nebenzia).toContain('law and _ its');
    const dominica = paragraphs(files.dma1979).find((p) => p.text.includes("'polities'*"))!.text;
    for (const text of [nebenzia, dominica]) {
      const escaped = escapeDiscord(text);
      expect(escaped).not.toMatch(/(^|[^\\])[*_`|~]/);
      expect(rendered(escaped)).toBe(text);
    }
  });

  it('escapes numbered-list, heading, quote and bullet markers at line starts', () => {
    const dominica = paragraphs(files.dma1979).find((p) => /^\d+\.\s/.test(p.text))!.text;
    expect(escapeDiscord(dominica)).toMatch(/^\d+\\\./);
    expect(escapeDiscord('# a\n> b\n- c\n-# d')).toBe('\\# a\n\\> b\n\\- c\n\\-# d');
    expect(rendered(escapeDiscord('# a\n> b\n- c'))).toBe('# a\n> b\n- c');
  });

  it('makes mentions inert', () => {
    const text = '@everyone @here <@123456789012345678> <@!1> <@&2> <#3> </ask:4> <:flag:5> <t:1700000000:R>';
    const escaped = escapeDiscord(text);
    expect(escaped).not.toMatch(/@everyone|@here/);
    expect(escaped).not.toMatch(/(^|[^\\])<[@#:/t]/);
    expect(rendered(escaped)).toBe(text);
    expect(neutralizeMentions('mail@here.org')).toBe('mail@here.org'.replace('@here', '@\u200bhere'));
  });

  it('breaks masked links but leaves plain brackets and URLs', () => {
    expect(escapeDiscord('[click](https://example.org)')).toBe('\\[click](https://example.org)');
    expect(escapeDiscord('[inaudible] and https://un.org')).toBe('[inaudible] and https://un.org');
  });

  it('blockquote prefixes every line', () => {
    expect(blockquote('a\nb')).toBe('> a\n> b');
  });

  it('plainLabel strips mention and markdown syntax for thread names', () => {
    expect(plainLabel('@everyone **what** did <@123> say about ||CICA||?', 100)).toBe('everyone what did say about CICA?');
    expect(plainLabel('x'.repeat(200), 90)).toHaveLength(90);
  });
});
