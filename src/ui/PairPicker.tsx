import type { PairKind, PairSettings } from '../state/alignStore';
import { NumberField, SEED_RULE } from './NumberField';

const DIGIT = { min: 0, max: 9, multipleOf: 1 };

/** Two INRs: one digit fitted from two seeds, two digits, or two rows of the selected zoo. */
export function PairPicker({ settings: s, onChange: patch, prefix }: { settings: PairSettings; onChange: (p: Partial<PairSettings>) => void; prefix: string }) {
  return (
    <div className="align-pair">
      <label>
        the two INRs
        <select value={s.kind} onChange={(e) => patch({ kind: e.target.value as PairKind })} data-testid={`${prefix}-kind`}>
          <option value="seeds">one digit, fitted from two seeds</option>
          <option value="digits">two different digits</option>
          <option value="zoo">two INRs of the selected zoo</option>
        </select>
      </label>
      <div className="button-row">
        {s.kind === 'zoo' ? (
          <>
            <NumberField label="zoo INR A" value={s.rowA} rule={{ min: 0, max: 100000, multipleOf: 1 }} onCommit={(rowA) => patch({ rowA })} testId={`${prefix}-row-a`} />
            <NumberField label="zoo INR B" value={s.rowB} rule={{ min: 0, max: 100000, multipleOf: 1 }} onCommit={(rowB) => patch({ rowB })} testId={`${prefix}-row-b`} />
          </>
        ) : (
          <>
            <NumberField label={s.kind === 'seeds' ? 'digit' : 'digit A'} value={s.digitA} rule={DIGIT} onCommit={(digitA) => patch({ digitA })} testId={`${prefix}-digit-a`} />
            {s.kind === 'digits' && <NumberField label="digit B" value={s.digitB} rule={DIGIT} onCommit={(digitB) => patch({ digitB })} testId={`${prefix}-digit-b`} />}
            <NumberField label="seed A" value={s.seedA} rule={SEED_RULE} onCommit={(seedA) => patch({ seedA })} testId={`${prefix}-seed-a`} />
            <NumberField label="seed B" value={s.seedB} rule={SEED_RULE} onCommit={(seedB) => patch({ seedB })} testId={`${prefix}-seed-b`} />
          </>
        )}
      </div>
    </div>
  );
}
