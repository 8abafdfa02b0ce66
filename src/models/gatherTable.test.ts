import { describe, expect, it } from 'vitest';
import { BLOCK_ALIGN, ParamAllocator } from './gatherTable';

describe('ParamAllocator', () => {
  it('starts every block on a window boundary and counts only the blocks’ entries as parameters', () => {
    const p = new ParamAllocator();
    const shapes: [number, number][] = [
      [9, 8],
      [1, 8],
      [8, 8],
      [3, 5],
    ];
    const blocks = shapes.map(([cIn, cOut]) => p.block(cIn, cOut, cIn));
    for (const b of blocks) expect(b.offset % BLOCK_ALIGN).toBe(0);
    for (let i = 1; i < blocks.length; i++)
      expect(blocks[i].offset).toBeGreaterThanOrEqual(blocks[i - 1].offset + blocks[i - 1].cIn * blocks[i - 1].cOut);
    expect(p.count).toBe(9 * 8 + 8 + 64 + 15);
    expect(p.size).toBe(blocks[3].offset + 15);
  });
});
