/**
 * An augmentation list as link text: `id:p` items (`id:p:setting` when the setting differs from the default),
 * comma-separated, e.g. `negate:1,mixupAligned:0.5`. Reading validates every item: unknown ids and repeats are
 * dropped, p is clamped to [0, 1] and a setting to its range, each reported as a problem.
 */
import { AUGMENTATIONS, type AugmentationChoice, type AugmentationId } from '../weightspace/augmentations';

export function listToText(list: readonly AugmentationChoice[]): string {
  return list
    .map((c) =>
      [
        c.id,
        String(c.p),
        ...(c.setting !== undefined && c.setting !== AUGMENTATIONS[c.id].setting?.default ? [String(c.setting)] : []),
      ].join(':'),
    )
    .join(',');
}

const isId = (id: string): id is AugmentationId => Object.prototype.hasOwnProperty.call(AUGMENTATIONS, id);
const shown = (text: string): string => (text.length > 30 ? `${text.slice(0, 30)}…` : text);

export function textToList(text: string, problems: string[] = []): AugmentationChoice[] {
  const list: AugmentationChoice[] = [];
  if (text.length > 600) {
    problems.push('the augmentation list is too long; ignored.');
    return list;
  }
  for (const item of text.split(',').filter(Boolean)) {
    const [id, pText, settingText, ...rest] = item.split(':');
    if (!isId(id) || rest.length > 0) {
      problems.push(`"${shown(item)}" is not an augmentation; dropped.`);
      continue;
    }
    if (list.some((c) => c.id === id)) {
      problems.push(`${id} is listed twice; the first is kept.`);
      continue;
    }
    const p = pText === undefined ? 1 : Number(pText);
    if (pText === '' || !Number.isFinite(p)) {
      problems.push(`${id}: p "${shown(pText ?? '')}" is not a number; dropped.`);
      continue;
    }
    const choice: AugmentationChoice = { id, p: Math.min(1, Math.max(0, p)) };
    if (choice.p !== p) problems.push(`${id}: p = ${p} is outside 0–1; using ${choice.p}.`);
    const range = AUGMENTATIONS[id].setting;
    if (settingText !== undefined && range) {
      const s = Number(settingText);
      if (settingText === '' || !Number.isFinite(s))
        problems.push(`${id}: setting "${shown(settingText)}" is not a number; using the default.`);
      else {
        const rounded = range.integer ? Math.round(s) : s;
        choice.setting = Math.min(range.max, Math.max(range.min, rounded));
        if (choice.setting !== s)
          problems.push(
            `${id}: ${range.name} = ${s} is outside ${range.min}–${range.max}${range.integer ? ' (whole)' : ''}; using ${choice.setting}.`,
          );
      }
    }
    list.push(choice);
  }
  return list;
}
