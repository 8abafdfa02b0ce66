/** Reading and writing the CLI's files; every read failure becomes a CliError naming the file and what is wrong. */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { modelFromSafetensors } from '../data/modelSafetensors';
import { MAX_SAFETENSORS_BYTES } from '../data/safetensors';
import type { Zoo } from '../data/zoo';
import { inrFromSafetensors, zooFromFile, type InrRecord } from '../data/zooSafetensors';
import type { TrainedModel } from '../models/trainedModel';
import { CliError, EXIT } from './cliErrors';

function readInput(path: string): Uint8Array {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new CliError(`${path}: no such file`, EXIT.badInput);
  }
  if (size > MAX_SAFETENSORS_BYTES)
    throw new CliError(`${path}: ${size} bytes, over the ${MAX_SAFETENSORS_BYTES / 2 ** 20} MB limit`, EXIT.badInput);
  return new Uint8Array(readFileSync(path));
}

function parsed<T>(path: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new CliError(`${path}: ${(err as Error).message}`, EXIT.badInput);
  }
}

/** An INR file (a learned init, say): its network and metadata. */
export function readInr(path: string): InrRecord {
  const bytes = readInput(path);
  const notices: string[] = [];
  const inr = parsed(path, () => inrFromSafetensors(bytes, path.split('/').pop()!, notices));
  tellAssumed(path, notices);
  return inr;
}

/** What another tool's file did not say and was assumed, on stderr (stdout stays the command's result). */
function tellAssumed(path: string, notices: string[]): void {
  for (const notice of notices) process.stderr.write(`${path}: ${notice}\n`);
}

/** A zoo file: safetensors (this project's or another tool's) or the app's own `.wsz`. */
export function readZoo(path: string): Zoo {
  const bytes = readInput(path);
  const name = path.split('/').pop()!;
  const notices: string[] = [];
  const zoo = parsed(path, () => zooFromFile(bytes, name, notices));
  tellAssumed(path, notices);
  return zoo;
}

export function readModel(path: string): TrainedModel {
  const bytes = readInput(path);
  return parsed(path, () => modelFromSafetensors(bytes));
}

export function writeOutput(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}
