/**
 * Experiment links: `#v=1&key=value&…`, read and written through the schema table (urlSchema.ts) with valibot.
 * Reading never throws and never trusts: unknown keys are ignored, values that are not of their key's type fall
 * back to the default, numbers outside their range are clamped, and each of these is reported in `problems`
 * (plain text, for the page to show escaped). Keys are looked up in a prototype-free map, so `__proto__` is just an
 * unknown key.
 */
import * as v from 'valibot';
import { listToText, textToList } from './augmentationList';
import { CROSS_FIELD_LIMITS } from './linkLimits';
import { defaultLinkState, LINK_SCHEMA, LINK_VERSION, type KeySpec, type LinkState } from './linkSchema';

export interface DecodedLink {
  state: LinkState;
  /** what was wrong with the link, one line each; empty for a clean link */
  problems: string[];
  /** the keys the link set (valid or not), so a partial link changes only those */
  present: Set<string>;
}

/**
 * Old link versions and how to read them as the next one: MIGRATIONS[k] turns version-k pairs into version k + 1.
 * Version 0 is the unversioned draft format, which spelled ω0 `omega0` and the init seed `initSeed`.
 */
export const MIGRATIONS: Record<number, (pairs: Map<string, string>) => Map<string, string>> = {
  0: (pairs) => {
    const out = new Map(pairs);
    for (const [from, to] of [
      ['omega0', 'w0'],
      ['initSeed', 'seed'],
    ]) {
      if (out.has(from) && !out.has(to)) out.set(to, out.get(from)!);
      out.delete(from);
    }
    return out;
  },
};

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const INTEGER = /^[-+]?\d+$/;
const MAX_VALUE_LENGTH = 64;

/** The valibot schema of one key's raw string. */
function schemaOf(spec: KeySpec): v.GenericSchema<string, number | boolean | string> {
  switch (spec.kind) {
    case 'bool':
      return v.pipe(
        v.string(),
        v.picklist(['0', '1', 'true', 'false']),
        v.transform((s) => s === '1' || s === 'true'),
      );
    case 'enum':
      return v.picklist(spec.values as string[]);
    case 'augmentations':
    case 'list':
      return v.string(); // read item by item below
    default:
      return v.pipe(
        v.string(),
        v.maxLength(MAX_VALUE_LENGTH),
        v.regex(spec.kind === 'int' ? INTEGER : NUMBER),
        v.transform(Number),
        v.number(),
        v.finite(),
      );
  }
}

const SCHEMAS = new Map(LINK_SCHEMA.map((spec) => [spec.key, { spec, schema: schemaOf(spec) }]));

const shown = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

function pairsOf(hash: string, problems: string[]): Map<string, string> {
  const pairs = new Map<string, string>();
  const body = hash.replace(/^#/, '');
  if (!body) return pairs;
  for (const part of body.split('&')) {
    if (!part) continue;
    const at = part.indexOf('=');
    const [rawKey, rawValue] = at < 0 ? [part, ''] : [part.slice(0, at), part.slice(at + 1)];
    try {
      pairs.set(decodeURIComponent(rawKey), decodeURIComponent(rawValue));
    } catch {
      problems.push(`"${shown(part)}" is not readable (broken %-encoding); ignored.`);
    }
  }
  return pairs;
}

export function decodeLink(hash: string): DecodedLink {
  const problems: string[] = [];
  let pairs = pairsOf(hash, problems);
  const state = defaultLinkState();
  const present = new Set<string>();
  if (pairs.size === 0) return { state, problems, present };

  const versionText = pairs.get('v');
  let version = versionText === undefined ? 0 : Number(versionText);
  if (!Number.isInteger(version) || version < 0) {
    problems.push(`v="${shown(versionText ?? '')}" is not a link version; read as v=${LINK_VERSION}.`);
    version = LINK_VERSION;
  } else if (version > LINK_VERSION) {
    problems.push(
      `this link is of a newer version (v=${version}); read as v=${LINK_VERSION}, some settings may differ.`,
    );
    version = LINK_VERSION;
  }
  for (; version < LINK_VERSION; version++) pairs = MIGRATIONS[version](pairs);

  for (const [key, raw] of pairs) {
    const entry = SCHEMAS.get(key);
    if (!entry) continue; // unknown keys (and `v`) are ignored
    present.add(key);
    if (entry.spec.kind === 'augmentations') {
      const itemProblems: string[] = [];
      state[key] = listToText(textToList(raw, itemProblems));
      problems.push(...itemProblems.map((p) => `${key} (${entry.spec.about}): ${p}`));
      continue;
    }
    if (entry.spec.kind === 'list') {
      const allowed = entry.spec.values;
      const items = raw.length > 2000 ? [] : raw.split(',').filter(Boolean);
      const bad = items.filter((item) => !allowed.includes(item));
      if (raw.length > 2000) problems.push(`${key} is too long (${entry.spec.about}); ignored.`);
      else if (bad.length > 0)
        problems.push(
          `${key}: ${bad
            .slice(0, 5)
            .map((b) => `"${shown(b)}"`)
            .join(', ')} not known (${entry.spec.about}); ignored.`,
        );
      state[key] = [...new Set(items.filter((item) => allowed.includes(item)))].join(',');
      continue;
    }
    const result = v.safeParse(entry.schema, raw);
    if (!result.success) {
      problems.push(`${key}="${shown(raw)}" is not a valid ${entry.spec.about}; using ${String(entry.spec.default)}.`);
      continue;
    }
    let value = result.output;
    if (entry.spec.kind === 'int' || entry.spec.kind === 'number') {
      const clamped = Math.min(entry.spec.max, Math.max(entry.spec.min, value as number));
      if (clamped !== value)
        problems.push(
          `${key}=${shown(raw)} is outside ${entry.spec.min}–${entry.spec.max} (${entry.spec.about}); using ${clamped}.`,
        );
      value = clamped;
    }
    state[key] = value;
  }
  for (const limit of CROSS_FIELD_LIMITS) {
    const problem = limit(state);
    if (problem) problems.push(problem);
  }
  return { state, problems, present };
}

/** The link of a state: every key (or, with `omitDefaults`, every key off its default), in table order, after `v`. */
export function encodeLink(state: LinkState, omitDefaults = false): string {
  const parts = [`v=${LINK_VERSION}`];
  for (const spec of LINK_SCHEMA) {
    const value = state[spec.key] ?? spec.default;
    if (omitDefaults && value === spec.default) continue;
    parts.push(`${spec.key}=${encodeURIComponent(spec.kind === 'bool' ? (value ? '1' : '0') : String(value))}`);
  }
  return `#${parts.join('&')}`;
}
