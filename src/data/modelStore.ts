/** Trained models saved in the browser (data/browserDb.ts): a listing and the model's safetensors file. */
import { addItem, deleteItem, getBytes, listAll, STORES } from './browserDb';

export interface SavedModel {
  id: string;
  name: string;
  kind: string;
  dims: number[];
  /** the zoo it was trained on, where known */
  zooName: string | null;
  /** best-checkpoint test accuracy when it was trained here */
  testAccuracy: number | null;
  createdAt: string;
  bytes: number;
}

export async function listModels(): Promise<SavedModel[]> {
  return (await listAll<SavedModel>(STORES.modelMeta)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Saves a model beside any of the same name; returns its listing. */
export async function saveModel(meta: Omit<SavedModel, 'id' | 'bytes'>, file: ArrayBuffer): Promise<SavedModel> {
  const saved: SavedModel = { ...meta, id: `${meta.createdAt}|${meta.name}`, bytes: file.byteLength };
  saved.id = await addItem(STORES.modelMeta, STORES.modelData, saved, file, `the model "${meta.name}"`);
  return saved;
}

export function loadModelBytes(id: string): Promise<ArrayBuffer> {
  return getBytes(STORES.modelData, id, 'this model');
}

export function deleteModel(id: string): Promise<void> {
  return deleteItem(STORES.modelMeta, STORES.modelData, id);
}
