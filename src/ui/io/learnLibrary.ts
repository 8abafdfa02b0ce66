/**
 * What the Learn panel keeps in the browser (IndexedDB): saved zoos (listed, selected with a gallery of decoded test
 * INRs, imported, deleted), learned inits, trained models, and run histories. Every failure is said in the panel's notice.
 */
import { errorText } from '../../data/errorText';
import { MNIST_SIDE } from '../../data/mnistFile';
import { deleteInit, listInits } from '../../data/initStore';
import { listModels } from '../../data/modelStore';
import { listRuns, saveRun } from '../../data/runStore';
import { parseZoo, type Zoo } from '../../data/zoo';
import { deleteZoo, listZoos, loadZooBytes, saveZoo } from '../../data/zooStore';
import { imageGrid } from '../../models/siren';
import { useLearnStore, type Thumbnail, type WsRun } from '../../state/learnStore';
import { useMetaInitStore } from '../../state/metaInitStore';
import { renderSirensCpu } from '../../train/renderSirens';

/** test INRs decoded for the gallery */
const GALLERY_SIZE = 12;

/** counts selections: a zoo that finishes loading, or a gallery drawn, after a later selection began is dropped */
let selections = 0;

const store = useLearnStore.getState;

/** A line in the Learn panel's notice. */
export function learnNotice(level: 'info' | 'error', text: string): void {
  store().set({ notice: { level, text } });
}

/** Lists the saved zoos and selects `select` (a zoo just saved), else keeps the selection or takes the first. */
export async function refreshZoos(select?: string): Promise<void> {
  try {
    const zoos = await listZoos();
    const { selectedZooId } = store();
    store().set({ zoos });
    if (select !== undefined) await selectZoo(select);
    else if (!zoos.some((z) => z.id === selectedZooId) && zoos.length > 0) await selectZoo(zoos[0].id);
  } catch (err) {
    learnNotice('error', `Saved zoos could not be listed: ${errorText(err)}`);
  }
}

export async function refreshInits(): Promise<void> {
  try {
    useMetaInitStore.getState().set({ inits: await listInits() });
  } catch (err) {
    learnNotice('error', `Saved inits could not be listed: ${errorText(err)}`);
  }
}

export async function removeInit(id: string): Promise<void> {
  await deleteInit(id);
  if (store().zooSettings.learnedInitId === id)
    store().set({ zooSettings: { ...store().zooSettings, learnedInitId: '' } });
  await refreshInits();
}

export async function refreshModels(): Promise<void> {
  try {
    store().set({ models: await listModels() });
  } catch (err) {
    learnNotice('error', `Saved models could not be listed: ${errorText(err)}`);
  }
}

/** Run histories kept from earlier visits (their models are in the Storage panel), added to the store; their ids. */
export async function loadRuns(): Promise<number[]> {
  try {
    const saved = await listRuns<WsRun>();
    if (saved.length === 0) return [];
    const { runs } = store();
    store().set({ runs: [...saved.filter((r) => !runs.some((x) => x.id === r.id)), ...runs] });
    return saved.map((r) => r.id);
  } catch (err) {
    learnNotice('error', `Saved runs could not be read: ${errorText(err)}`);
    return [];
  }
}

export function persistRun(id: number): void {
  const run = store().runs.find((r) => r.id === id);
  if (run) saveRun(run).catch((err: unknown) => learnNotice('error', `Run #${id} was not saved: ${errorText(err)}`));
}

export async function selectZoo(id: string): Promise<void> {
  const selection = ++selections;
  store().set({ selectedZooId: id, thumbnails: [] });
  try {
    const zoo = parseZoo(await loadZooBytes(id));
    if (selection !== selections) return; // picked A, then B before A had loaded: B's gallery, not A's
    const rows = zoo.split.reduce<number[]>(
      (rows, s, i) => (s === 2 && rows.length < GALLERY_SIZE ? [...rows, i] : rows),
      [],
    );
    // one INR per task: a decode on the CPU twin takes milliseconds, twelve of them in one task would be a long task
    const thumbnails: Thumbnail[] = [];
    for (const row of rows) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (selection !== selections) return;
      thumbnails.push(decode(zoo, row));
      store().set({ thumbnails: [...thumbnails] });
    }
  } catch (err) {
    if (selection !== selections) return;
    learnNotice('error', `The zoo could not be loaded: ${errorText(err)}`);
  }
}

/**
 * A zoo file (e.g. the demo zoo shipped in public/) saved to IndexedDB and selected; a corrupt file says why.
 * `notices`: what another tool's file did not say and was assumed, added to the notice.
 */
export async function importZoo(bytes: ArrayBuffer, notices: string[] = []): Promise<void> {
  try {
    const saved = await saveZoo(parseZoo(bytes), bytes);
    const assumed = notices.length > 0 ? ` Assumed for this file: ${notices.join('; ')}.` : '';
    // said before the thumbnails are drawn (one per task), so it never overwrites a later notice (the next file's)
    learnNotice('info', `Loaded "${saved.name}": ${saved.count} INRs, mean ${saved.meanPsnr.toFixed(1)} dB.${assumed}`);
    await refreshZoos(saved.id);
  } catch (err) {
    learnNotice('error', `The zoo file could not be loaded: ${errorText(err)}`);
  }
}

export async function removeZoo(id: string): Promise<void> {
  await deleteZoo(id);
  if (store().selectedZooId === id) {
    selections++; // its gallery, if still being drawn, stops
    store().set({ selectedZooId: null, thumbnails: [] });
  }
  await refreshZoos();
}

/** Renders one zoo INR with the CPU twin (a 28×28 image or a 200-point curve). */
function decode(zoo: Zoo, row: number): Thumbnail {
  const spec = { dims: zoo.recipe.dims, omega0: zoo.recipe.omega0 };
  const coords =
    zoo.recipe.dims[0] === 2 ? imageGrid(MNIST_SIDE) : Float32Array.from({ length: 200 }, (_, i) => -1 + (2 * i) / 199);
  const params = zoo.params.subarray(row * zoo.paramCount, (row + 1) * zoo.paramCount);
  return { row, image: renderSirensCpu(spec, params, coords), label: zoo.labels[row] };
}
