/**
 * The Storage card's actions: open a file (zoo, model or INR — its kind from its own header), export what the
 * browser keeps as files, delete it. Every failure is said in the Learn panel's notice and changes nothing.
 */
import { errorText } from '../../../data/errorText';
import { modelFromSafetensors } from '../../../data/modelSafetensors';
import { deleteModel, loadModelBytes, saveModel, type SavedModel } from '../../../data/modelStore';
import { deleteRun } from '../../../data/runStore';
import { parseZoo, serializeZoo } from '../../../data/zoo';
import { loadZooBytes, type SavedZoo } from '../../../data/zooStore';
import { zooFromFile, zooToSafetensors } from '../../../data/zooSafetensors';
import { useLearnStore } from '../../../state/learnStore';
import { download, fileNameOf } from '../../io/download';
import { fileKind, readChosenFile } from '../../io/fileImport';
import { fileInr } from '../../io/inrSources';
import { checksumOf } from '../../../data/checksum';
import { loadInitBytes, saveInit, type SavedInit } from '../../../data/initStore';
import { decodeSafetensors } from '../../../data/safetensors';
import { inrFromSafetensors } from '../../../data/zooSafetensors';
import { loadInr } from '../symmetry/symmetryActions';
import { importZoo, learnNotice, refreshInits, refreshModels } from '../../io/learnLibrary';
import { learnClient } from '../../workers/learnClient';

export async function openFile(file: File): Promise<void> {
  try {
    const bytes = await readChosenFile(file);
    const kind = fileKind(bytes);
    if (kind === 'wsz' || kind === 'zoo') {
      const notices: string[] = [];
      await importZoo(serializeZoo(zooFromFile(bytes, file.name, notices)), notices);
    } else if (kind === 'model') {
      const model = modelFromSafetensors(bytes);
      await saveModel(
        {
          name: file.name.replace(/\.safetensors$/, ''),
          kind: model.spec.kind,
          dims: model.dims,
          zooName: null,
          testAccuracy: null,
          createdAt: new Date().toISOString(),
        },
        bytes.slice().buffer,
      );
      await refreshModels();
      learnNotice(
        'info',
        `Loaded the model "${file.name}" (${model.spec.kind}, reads INRs of dims [${model.dims.join(', ')}]): evaluate it on a zoo below.`,
      );
    } else if (kind === 'inr' && decodeSafetensors(bytes).metadata.meta_init !== undefined) {
      const inr = inrFromSafetensors(bytes, file.name);
      const checksum = checksumOf(inr.params);
      await saveInit(
        {
          name: inr.name,
          dims: [...inr.dims],
          omega0: inr.omega0,
          checksum,
          heldOut: null,
          createdAt: new Date().toISOString(),
        },
        bytes.slice().buffer,
      );
      await refreshInits();
      learnNotice('info', `Loaded the learned init "${inr.name}": make a zoo from it in step 1.`);
    } else if (kind === 'inr') {
      const inr = fileInr(bytes, file.name);
      await loadInr(async () => inr);
      const assumed = inr.notices?.length ? ` Assumed for this file: ${inr.notices.join('; ')}.` : '';
      learnNotice('info', `Opened the INR "${inr.name}" in the Symmetries panel above.${assumed}`);
    } else {
      throw new Error('not a zoo, model or INR file (neither a .wsz zoo nor a safetensors file with SIREN weights)');
    }
  } catch (err) {
    learnNotice('error', `"${file.name}" could not be opened: ${errorText(err)}. Nothing was changed.`);
  }
}

export async function exportZoo(z: SavedZoo): Promise<void> {
  try {
    download(fileNameOf(z.name, 'safetensors'), zooToSafetensors(parseZoo(await loadZooBytes(z.id))));
  } catch (err) {
    learnNotice('error', `The zoo could not be exported: ${errorText(err)}`);
  }
}

export async function exportInit(i: SavedInit): Promise<void> {
  try {
    download(fileNameOf(i.name, 'safetensors'), await loadInitBytes(i.id));
  } catch (err) {
    learnNotice('error', `The init could not be exported: ${errorText(err)}`);
  }
}

export async function exportModel(m: SavedModel): Promise<void> {
  try {
    download(fileNameOf(m.name, 'safetensors'), await loadModelBytes(m.id));
  } catch (err) {
    learnNotice('error', `The model could not be exported: ${errorText(err)}`);
  }
}

export async function evaluateSavedModel(m: SavedModel): Promise<void> {
  try {
    await learnClient.evaluateModel(m.name, await loadModelBytes(m.id));
  } catch (err) {
    learnNotice('error', `The model could not be loaded: ${errorText(err)}`);
  }
}

export async function removeModel(id: string): Promise<void> {
  await deleteModel(id);
  await refreshModels();
}

export async function removeRun(id: number): Promise<void> {
  await deleteRun(id);
  const store = useLearnStore.getState();
  store.set({ runs: store.runs.filter((r) => r.id !== id) });
}

/** The browser's estimate of what this origin uses and may use, in bytes (null where it gives none). */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  const estimate = await navigator.storage?.estimate?.();
  return estimate?.usage !== undefined && estimate.quota !== undefined
    ? { usage: estimate.usage, quota: estimate.quota }
    : null;
}
