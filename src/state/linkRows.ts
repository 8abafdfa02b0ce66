/** Builders of the link table's recurring integer rows (linkSchema.ts): seeds, digits, zoo rows. */
import { SEED_MAX } from '../weightspace/rng';
import type { KeySpec, LinkBinding } from './linkTypes';

export const seed = (key: string, def: number, about: string, bind: LinkBinding): KeySpec => ({
  key,
  kind: 'int',
  default: def,
  min: 0,
  max: SEED_MAX,
  about,
  bind,
});
export const digit = (key: string, def: number, about: string, bind: LinkBinding): KeySpec => ({
  key,
  kind: 'int',
  default: def,
  min: 0,
  max: 9,
  about,
  bind,
});
export const zooRow = (key: string, def: number, about: string, bind: LinkBinding): KeySpec => ({
  key,
  kind: 'int',
  default: def,
  min: 0,
  max: 100000,
  about,
  bind,
});
