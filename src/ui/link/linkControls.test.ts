// Every key a link may hide (`hide=`) names a control on the page: some component in src/ui carries its key as a
// `data-link-key` (directly, through NumberField's `linkKey`, or through a pair's PairLinkKeys).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HIDEABLE_KEYS } from '../../state/linkSchema';

const UI = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.tsx')
        ? [readFileSync(join(dir, e.name), 'utf8')]
        : [],
  );
}

/** the link keys the components name as their controls' */
function controlKeys(texts: string[]): Set<string> {
  const keys = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(/(?:data-link-key|linkKey)="([^"]+)"/g)) keys.add(m[1]);
    for (const m of text.matchAll(/PairLinkKeys = \{([^}]*)\}/g))
      for (const v of m[1].matchAll(/'([^']+)'/g)) keys.add(v[1]);
  }
  return keys;
}

describe('link controls', () => {
  it('every hideable link key has a control that carries it', () => {
    const keys = controlKeys(sources(UI));
    expect(HIDEABLE_KEYS.filter((k) => !keys.has(k))).toEqual([]);
  });

  it('the check finds a missing control', () => {
    const keys = controlKeys(['<NumberField linkKey="w0" />', "const K: PairLinkKeys = { kind: 'apair' };"]);
    expect([...keys]).toEqual(['w0', 'apair']);
    expect(['w0', 'apair', 'zn'].filter((k) => !keys.has(k))).toEqual(['zn']);
  });
});
