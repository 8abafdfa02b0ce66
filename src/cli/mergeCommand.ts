/** `ws merge`: shard files of one recipe joined into the zoo an unsharded run makes. */
import { mergeZoos } from '../data/zooMerge';
import { zooToSafetensors } from '../data/zooSafetensors';
import { CliError, EXIT, usageError } from './cliErrors';
import { readZoo, writeOutput } from './cliFiles';

export function mergeCommand(shardPaths: string[], out: string) {
  if (shardPaths.length === 0)
    throw usageError('merge: give the shard files, e.g. npm run ws -- merge zoo.*.safetensors --out zoo.safetensors');
  let zoo;
  try {
    zoo = mergeZoos(shardPaths.map(readZoo));
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`merge: ${(err as Error).message}`, EXIT.badInput);
  }
  writeOutput(out, zooToSafetensors(zoo));
  return { out, count: zoo.count, shards: shardPaths.length, rejected: zoo.rejected };
}
