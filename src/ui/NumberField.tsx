import { useEffect, useId, useState } from 'react';

export interface NumberRule {
  min: number;
  max: number;
  /** values are rounded to a multiple of this (1: integers; omit for any real) */
  multipleOf?: number;
}

/** Seeds: any 32-bit unsigned integer. */
export const SEED_RULE: NumberRule = { min: 0, max: 4294967295, multipleOf: 1 };

/** The value a typed text stands for under `rule` (clamped, rounded), or null when it is not a number. */
export function commitNumber(text: string, rule: NumberRule): number | null {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(v)) return null;
  const rounded = rule.multipleOf ? Math.round(v / rule.multipleOf) * rule.multipleOf : v;
  return Math.min(rule.max, Math.max(rule.min, Number(rounded.toPrecision(12))));
}

export function describeRule(rule: NumberRule): string {
  const step = rule.multipleOf && rule.multipleOf !== 1 ? `, a multiple of ${rule.multipleOf}` : rule.multipleOf === 1 ? ', whole numbers' : '';
  return `${rule.min}–${rule.max}${step}`;
}

/**
 * A number input that keeps what is being typed and applies it on commit (Enter or leaving the field): the value
 * is clamped and rounded to the rule, and a line under the field says when the typed value was changed.
 */
export function NumberField({
  label,
  value,
  rule,
  onCommit,
  testId,
  title,
}: {
  label: string;
  value: number;
  rule: NumberRule;
  onCommit: (value: number) => void;
  testId: string;
  title?: string;
}) {
  const [text, setText] = useState(String(value));
  const [message, setMessage] = useState<string | null>(null);
  const hintId = useId();
  useEffect(() => setText(String(value)), [value]);

  const commit = (): void => {
    const v = commitNumber(text, rule);
    if (v === null) {
      setMessage(`"${text}" is not a number; kept ${value}. Allowed: ${describeRule(rule)}.`);
      setText(String(value));
      return;
    }
    setMessage(v !== Number(text) ? `${text} became ${v} (allowed: ${describeRule(rule)}).` : null);
    setText(String(v));
    if (v !== value) onCommit(v);
  };

  return (
    <label title={title ?? `allowed: ${describeRule(rule)}`}>
      {label}
      <input
        type="number"
        inputMode="decimal"
        min={rule.min}
        max={rule.max}
        step={rule.multipleOf ?? 'any'}
        value={text}
        aria-describedby={message ? hintId : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
        data-testid={testId}
      />
      {message && (
        <span className="field-message" id={hintId} role="status" data-testid={`${testId}-message`}>
          {message}
        </span>
      )}
    </label>
  );
}
