/** The PyTorch float64 reference of one SIREN fit (fixtures/siren-golden.json; provenance in fixtures/README.md), typed. */
import golden from './fixtures/siren-golden.json';

export interface SirenGolden {
  about: string;
  dims: number[];
  omega0: number;
  target: number[];
  params: number[];
  output: number[];
  loss: number;
  grad: number[];
  adam_losses: number[];
  params_after_10_adam_steps: number[];
}

export const SIREN_GOLDEN: SirenGolden = golden as SirenGolden;
