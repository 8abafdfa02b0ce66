/** The fit panel's actions beyond the fit client's: starting the fit from a learned init kept in the browser. */
import { errorText } from '../../../data/errorText';
import { loadInitBytes } from '../../../data/initStore';
import { inrFromSafetensors } from '../../../data/zooSafetensors';
import { useFitStore } from '../../../state/fitStore';
import { fitClient } from '../../workers/fitClient';

/** Starts the fit from init `id` (its architecture adopted), or with '' from the seed's standard init again. */
export async function startFromInit(id: string): Promise<void> {
  const { setRuntime, setExperiment } = useFitStore.getState();
  if (id === '') {
    setRuntime({ init: null });
    fitClient.setup();
    return;
  }
  try {
    const inr = inrFromSafetensors(new Uint8Array(await loadInitBytes(id)));
    const hidden = inr.dims.slice(1, -1);
    if (inr.dims[0] !== 2 || inr.dims[inr.dims.length - 1] !== 1 || hidden.some((w) => w !== hidden[0]))
      throw new Error(`an init of [${inr.dims.join(', ')}] is not an image SIREN of one width`);
    setRuntime({ init: { id, name: inr.name, dims: inr.dims, omega0: inr.omega0, params: inr.params } });
    // the init's architecture, and the step size a learned init was meta-trained for
    setExperiment({
      width: hidden[0],
      depth: hidden.length,
      omega0: inr.omega0,
      ...(inr.fitLr ? { lr: inr.fitLr } : {}),
    });
    fitClient.setup();
  } catch (err) {
    setRuntime({ notice: { level: 'error', text: `The init could not be loaded: ${errorText(err)}` } });
  }
}
