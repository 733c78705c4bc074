import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(tsx?|css)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Values with no spaces to break at (an email address) may wrap anywhere; words never. */
const MAY_WRAP_ANYWHERE = ['features/participants/ProfileCard.tsx', 'features/measure-links/LinksMadeList.tsx'];

describe('words are never broken mid-word', () => {
  const files = sources(src).map((path) => ({ path: relative(src, path), text: readFileSync(path, 'utf8') }));

  it('uses neither word-break: break-all nor automatic hyphens', () => {
    const offenders = files.filter((f) => /break-all|breakAll|hyphens/i.test(f.text)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('uses overflow-wrap: anywhere only where a value has nowhere else to break', () => {
    const offenders = files.filter((f) => /overflow-wrap:\s*anywhere|['"]anywhere['"]/.test(f.text) && !MAY_WRAP_ANYWHERE.includes(f.path)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });
});
