import type { PairKind, PairSettings } from '../../state/alignStore';
import { NumberField } from './NumberField';

/** The link key of each field of a pair (the align and augment panels keep their pairs under different keys). */
export type PairLinkKeys = Record<keyof PairSettings, string>;

/** Two INRs: one digit fitted from two seeds, two digits, or two rows of the selected zoo. */
export function PairPicker({
  settings: s,
  onChange: patch,
  prefix,
  linkKeys: k,
}: {
  settings: PairSettings;
  onChange: (p: Partial<PairSettings>) => void;
  prefix: string;
  linkKeys: PairLinkKeys;
}) {
  return (
    <div className="align-pair">
      <label>
        the two INRs
        <select
          value={s.kind}
          onChange={(e) => patch({ kind: e.target.value as PairKind })}
          data-testid={`${prefix}-kind`}
          data-link-key={k.kind}
        >
          <option value="seeds">one digit, fitted from two seeds</option>
          <option value="digits">two different digits</option>
          <option value="zoo">two INRs of the selected zoo</option>
        </select>
      </label>
      <div className="button-row">
        {s.kind === 'zoo' ? (
          <>
            <NumberField
              label="zoo INR A"
              value={s.rowA}
              linkKey={k.rowA}
              onCommit={(rowA) => patch({ rowA })}
              testId={`${prefix}-row-a`}
            />
            <NumberField
              label="zoo INR B"
              value={s.rowB}
              linkKey={k.rowB}
              onCommit={(rowB) => patch({ rowB })}
              testId={`${prefix}-row-b`}
            />
          </>
        ) : (
          <>
            <NumberField
              label={s.kind === 'seeds' ? 'digit' : 'digit A'}
              value={s.digitA}
              linkKey={k.digitA}
              onCommit={(digitA) => patch({ digitA })}
              testId={`${prefix}-digit-a`}
            />
            {s.kind === 'digits' && (
              <NumberField
                label="digit B"
                value={s.digitB}
                linkKey={k.digitB}
                onCommit={(digitB) => patch({ digitB })}
                testId={`${prefix}-digit-b`}
              />
            )}
            <NumberField
              label="seed A"
              value={s.seedA}
              linkKey={k.seedA}
              onCommit={(seedA) => patch({ seedA })}
              testId={`${prefix}-seed-a`}
            />
            <NumberField
              label="seed B"
              value={s.seedB}
              linkKey={k.seedB}
              onCommit={(seedB) => patch({ seedB })}
              testId={`${prefix}-seed-b`}
            />
          </>
        )}
      </div>
    </div>
  );
}
