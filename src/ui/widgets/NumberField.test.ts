import { describe, expect, it } from 'vitest';
import { commitNumber, describeRule } from './NumberField';

describe('commitNumber', () => {
  it('clamps and rounds to the rule', () => {
    const rule = { min: 10, max: 5000, multipleOf: 10 };
    expect(commitNumber('5', rule)).toBe(10);
    expect(commitNumber('25', rule)).toBe(30);
    expect(commitNumber('99999', rule)).toBe(5000);
    expect(commitNumber(' 120 ', rule)).toBe(120);
    expect(commitNumber('0.0005', { min: 1e-5, max: 1 })).toBe(0.0005);
  });

  it('gives null for what is not a number', () => {
    for (const text of ['', 'abc', 'NaN', 'Infinity', '1e999'])
      expect(commitNumber(text, { min: 0, max: 1 })).toBeNull();
  });

  it('says what is allowed', () => {
    expect(describeRule({ min: 10, max: 5000, multipleOf: 10 })).toBe('10–5000, a multiple of 10');
    expect(describeRule({ min: 1, max: 6, multipleOf: 1 })).toBe('1–6, whole numbers');
  });
});
