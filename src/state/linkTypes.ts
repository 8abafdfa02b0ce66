/**
 * The types of the link table (linkSchema.ts), apart from the table itself, so that modules the table reads
 * (the demos' presets) can name them without importing it.
 */

/** A link key's value: a number, a boolean or a string (an enum value, a list). */
export type LinkValue = number | boolean | string;

/** Every key's value. */
export type LinkState = Record<string, LinkValue>;

/** Where a key's value lives: read from and written to its store. */
export interface LinkBinding {
  get: () => LinkValue;
  set: (value: LinkValue) => void;
}

/** The range a number field enforces (the link's clamping and the control's are the same rule). */
export interface NumberRule {
  min: number;
  max: number;
  /** values are rounded to a multiple of this (1: integers; omit for any real) */
  multipleOf?: number;
}

interface KeyCommon {
  key: string;
  about: string;
  /** a change pushes a history entry (back / forward step over it) instead of replacing the current one */
  discrete?: boolean;
  /** false: `hide=` cannot name it (it has no one control on the page) */
  hideable?: false;
  bind: LinkBinding;
}

export type KeySpec = KeyCommon &
  (
    | { kind: 'int' | 'number'; default: number; min: number; max: number }
    | { kind: 'bool'; default: boolean }
    | { kind: 'enum'; default: string; values: readonly string[] }
    /** an augmentation list as text (augmentationList.ts); bare ids read as p = 1 (the ablation's selection) */
    | { kind: 'augmentations'; default: string }
    /** a comma-separated subset of `values`, in any order */
    | { kind: 'list'; default: string; values: readonly string[] }
  );
