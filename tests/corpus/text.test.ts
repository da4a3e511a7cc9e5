import { describe, expect, it } from 'vitest';
import { stripInvisible } from '../../src/corpus/text.js';

describe('stripInvisible', () => {
  it('removes the zero-width characters users paste unseen, and nothing else', () => {
    expect(stripInvisible('\u200B')).toBe('');
    expect(stripInvisible('\uFEFFpeace\u200C and\u200D secu\u2060rity')).toBe('peace and security');
    expect(stripInvisible('Côte d’Ivoire, 2015 –\u00A0peace')).toBe('Côte d’Ivoire, 2015 –\u00A0peace');
  });
});
