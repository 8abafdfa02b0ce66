import {
  AUGMENTATION_IDS,
  AUGMENTATIONS,
  type AugmentationChoice,
  type AugmentationId,
} from '../../../weightspace/augmentations';
import { NumberField } from '../../widgets/NumberField';

/** The training run's augmentations: each with its probability and setting, applied in list order. */
export function AugmentationList({
  value,
  onChange,
  inputDim,
}: {
  value: AugmentationChoice[];
  onChange: (v: AugmentationChoice[]) => void;
  inputDim: number;
}) {
  const update = (i: number, patch: Partial<AugmentationChoice>): void =>
    onChange(value.map((c, k) => (k === i ? { ...c, ...patch } : c)));
  const available = AUGMENTATION_IDS.filter(
    (id) => !value.some((c) => c.id === id) && (id !== 'rotate' || inputDim === 2),
  );
  return (
    <fieldset className="aug-list" data-testid="ws-augmentations" data-link-key="augs">
      <legend>augmentations (each drawn INR, in order)</legend>
      {value.length === 0 && <p className="muted">none</p>}
      {value.map((c, i) => {
        const info = AUGMENTATIONS[c.id];
        return (
          <div className="field-row aug-row" key={c.id}>
            <span className="aug-name" title={info.group}>
              {info.label}
            </span>
            <NumberField
              label="p"
              value={c.p}
              rule={{ min: 0, max: 1 }}
              onCommit={(p) => update(i, { p })}
              testId={`ws-aug-p-${c.id}`}
              title="probability per drawn INR, 0–1"
            />
            {info.setting && (
              <NumberField
                label={info.setting.name}
                value={c.setting ?? info.setting.default}
                rule={{
                  min: info.setting.min,
                  max: info.setting.max,
                  multipleOf: info.setting.integer ? 1 : undefined,
                }}
                onCommit={(setting) => update(i, { setting })}
                testId={`ws-aug-setting-${c.id}`}
              />
            )}
            <button
              className="icon"
              aria-label={`remove ${info.label}`}
              onClick={() => onChange(value.filter((_, k) => k !== i))}
            >
              ✕
            </button>
          </div>
        );
      })}
      <label>
        add
        <select
          value=""
          onChange={(e) => {
            const id = e.target.value as AugmentationId;
            if (id) onChange([...value, { id, p: AUGMENTATIONS[id].group === 'mixup' ? 0.5 : 1 }]);
          }}
          data-testid="ws-aug-add"
        >
          <option value="">choose…</option>
          {available.map((id) => (
            <option key={id} value={id}>
              {AUGMENTATIONS[id].label} ({AUGMENTATIONS[id].group})
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
