import { useEffect, useId, useState } from 'react';
import { ruleOf, type NumberRule } from '../../state/linkSchema';

/** The value a typed text stands for under `rule` (clamped, rounded), or null when it is not a number. */
export function commitNumber(text: string, rule: NumberRule): number | null {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(v)) return null;
  const rounded = rule.multipleOf ? Math.round(v / rule.multipleOf) * rule.multipleOf : v;
  return Math.min(rule.max, Math.max(rule.min, Number(rounded.toPrecision(12))));
}

export function describeRule(rule: NumberRule): string {
  const step =
    rule.multipleOf && rule.multipleOf !== 1
      ? `, a multiple of ${rule.multipleOf}`
      : rule.multipleOf === 1
        ? ', whole numbers'
        : '';
  return `${rule.min}–${rule.max}${step}`;
}

/**
 * A number input that keeps what is being typed and applies it on commit (Enter or leaving the field): the value
 * is clamped and rounded to the rule, and a line under the field says when the typed value was changed. A field
 * that sets a link key names it (`linkKey`): its rule is then the link table's, unless `rule` narrows it, and the
 * input carries `data-link-key`, by which a link's `hide=` finds it.
 */
export function NumberField({
  label,
  value,
  linkKey,
  rule = ruleOf(linkKey!),
  onCommit,
  testId,
  title,
}: {
  label: string;
  value: number;
  onCommit: (value: number) => void;
  testId: string;
  title?: string;
} & ({ linkKey: string; rule?: NumberRule } | { linkKey?: undefined; rule: NumberRule })) {
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
        data-link-key={linkKey}
      />
      {message && (
        <span className="field-message" id={hintId} role="status" data-testid={`${testId}-message`}>
          {message}
        </span>
      )}
    </label>
  );
}
