/**
 * Reading the text fields of a safetensors file's metadata (every value there is a string): JSON checked against a
 * valibot schema, and a SIREN's dims, which other tools write as JSON (`[2, 32, 32, 1]`) or as a comma list
 * (`2,32,32,1`). Every failure is a SafetensorsError that names the field.
 */
import * as v from 'valibot';
import { SafetensorsError } from './safetensors';

export const fail = (message: string): never => {
  throw new SafetensorsError(message);
};

const Int = (lo: number, hi: number) => v.pipe(v.number(), v.integer(), v.minValue(lo), v.maxValue(hi));

/** A network's layer widths, input first. */
export const Dims = v.pipe(v.array(Int(1, 4096)), v.minLength(2), v.maxLength(16));

/** The JSON of metadata field `what`, checked against `schema`. */
export function metadataJson<T>(text: string | undefined, schema: v.GenericSchema<unknown, T>, what: string): T {
  if (text === undefined) return fail(`metadata "${what}" is missing`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(`metadata "${what}" is not JSON`);
  }
  const result = v.safeParse(schema, value);
  return result.success ? result.output : fail(`metadata "${what}" is invalid: ${result.issues[0].message}`);
}

/** Metadata "dims": a JSON array, or the same numbers as a comma list ("2,32,32,1", PyTorch scripts' habit). */
export function metadataDims(text: string): number[] {
  const list = /^\s*\d+(\s*,\s*\d+)+\s*$/.test(text) ? `[${text}]` : text;
  return metadataJson(list, Dims, 'dims');
}
