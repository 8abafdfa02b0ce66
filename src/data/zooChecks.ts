/**
 * What a valid zoo is, for every importer of zoo files (the page's own `.wsz`, and safetensors from here or another
 * tool): the recipe's and the `.wsz` header's fields as valibot schemas, and the range of labels.
 */
import * as v from 'valibot';
import { IMAGE_DATASETS } from './imageDatasets';
import { Dims } from './metadataFields';

const Int = (lo: number, hi: number) => v.pipe(v.number(), v.integer(), v.minValue(lo), v.maxValue(hi));
const Finite = v.pipe(v.number(), v.finite());

export const ZooRecipeSchema = v.object({
  task: v.picklist([...IMAGE_DATASETS, 'sine']),
  count: Int(0, 2 ** 31 - 1),
  dims: Dims,
  omega0: v.pipe(Finite, v.gtValue(0)),
  seed: v.pipe(v.number(), v.integer()),
  sharedInit: v.boolean(),
  lr: Finite,
  maxSteps: Int(0, 2 ** 31 - 1),
  stopPsnr: v.nullable(Finite),
  minPsnr: v.nullable(Finite),
  splits: v.tuple([Finite, Finite, Finite]),
  viewsPerImage: v.optional(Int(1, 2 ** 16)),
  learnedInit: v.optional(v.object({ name: v.string(), checksum: v.string() })),
});

/** A `.wsz` file's JSON header: everything of a zoo but its arrays. */
export const ZooHeaderSchema = v.object({
  name: v.string(),
  recipe: ZooRecipeSchema,
  createdAt: v.string(),
  count: Int(0, 2 ** 31 - 1),
  paramCount: Int(1, 2 ** 31 - 1),
  valueDim: Int(0, 4096),
  rejected: Int(0, 2 ** 31 - 1),
  wallMs: v.pipe(Finite, v.minValue(0)),
  shard: v.optional(v.tuple([Int(0, 999_999), Int(1, 999_999)])),
});

/** Labels a zoo may hold: a digit 0–9 for a classification zoo, −1 or more for a regression one (valueDim > 0). */
export function labelRange(valueDim: number): [number, number] {
  return valueDim > 0 ? [-1, 2 ** 31 - 1] : [0, 9];
}

/** The first issue of a failed valibot check, as "where: what" for an error message. */
export function firstIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  const where = issue.path?.map((p) => String(p.key)).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}
