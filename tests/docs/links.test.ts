import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The README and every page under docs/: the documentation a reader follows from one to another. */
function documentationFiles(): string[] {
  const docs = path.join(ROOT, 'docs');
  return [
    path.join(ROOT, 'README.md'),
    ...fs
      .readdirSync(docs)
      .filter((f) => f.endsWith('.md'))
      .map((f) => path.join(docs, f)),
  ];
}

/** Markdown outside code: fenced blocks, indented blocks and inline code spans left out. */
function prose(markdown: string): string[] {
  const lines: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced || /^( {4}|\t)/.test(line)) continue;
    lines.push(line.replace(/`[^`]*`/g, ''));
  }
  return lines;
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens; repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = heading[1]!
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Every link in a Markdown file that points inside the repository and leads nowhere, as "file: target (why)". */
export function deadLinks(file: string, markdown: string = fs.readFileSync(file, 'utf8')): string[] {
  const dead: string[] = [];
  for (const line of prose(markdown)) {
    for (const match of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = match[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: and the like
      const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
      const name = `${path.relative(ROOT, file)}: ${target}`;
      if (!pathPart) {
        if (anchor && !headingAnchors(markdown).has(anchor)) dead.push(`${name} (no heading with that anchor)`);
        continue;
      }
      const resolved = path.resolve(path.dirname(file), decodeURIComponent(pathPart));
      if (!fs.existsSync(resolved)) {
        dead.push(`${name} (no such file)`);
        continue;
      }
      if (anchor && resolved.endsWith('.md') && !headingAnchors(fs.readFileSync(resolved, 'utf8')).has(anchor)) {
        dead.push(`${name} (no heading with that anchor)`);
      }
    }
  }
  return dead;
}

describe('the documentation', () => {
  it('has no dead relative link, nor an anchor without its heading, in README.md or docs/*.md', () => {
    const files = documentationFiles();
    expect(files.length).toBeGreaterThan(3);
    expect(files.flatMap((file) => deadLinks(file))).toEqual([]);
  });

  it('would catch a missing page, a missing anchor and a misspelt image, but not a link in code or to the web', () => {
    const file = path.join(ROOT, 'docs', 'example.md');
    const markdown = [
      '# Title: one/two',
      'See [gone](nowhere.md), [ok](README.md), [bad anchor](README.md#no-such), [good](#title-onetwo), [here](#nope),',
      '![chart](missing.png), [web](https://example.org/x.md), `[code](nowhere.md)`',
      '    [indented](nowhere.md)',
      '```',
      '[fenced](nowhere.md)',
      '```',
    ].join('\n');
    expect(deadLinks(file, markdown)).toEqual([
      'docs/example.md: nowhere.md (no such file)',
      'docs/example.md: README.md#no-such (no heading with that anchor)',
      'docs/example.md: #nope (no heading with that anchor)',
      'docs/example.md: missing.png (no such file)',
    ]);
  });

  it('keeps the README under 200 lines, opening with the commands that run the product and its tests', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n');
    expect(readme.length).toBeLessThan(200);
    expect(readme.slice(0, 4).join('\n')).toMatch(/^# Verbatim\n\n {4}npm ci && npm start .*\n {4}npm test /);
  });
});
