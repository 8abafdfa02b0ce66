/**
 * Permutation-equivariant linear layers on weight-space features `[P, C]` (docs/design.md §4), as three gathered linear
 * ops: pool (the means every term needs), partial (each group's mixed terms shared by a row, a column or the
 * whole tensor) and main (per entry: its own block, its partial rows, its bias). Hidden-neuron permutations act
 * on rows identically for every channel, and every term reads an entry or a mean at indices tied to the output
 * entry's own hidden indices, so the layer commutes with them.
 *
 * - DWS (Navon et al. 2023, all blocks): for output entry e and every input tensor, each input axis is tied to
 *   e's index in the same hidden layer or pooled (mean); fixed axes (inputs d0, outputs dL) are never pooled but
 *   folded into channels (one term per index, and e's own fixed indices choose its weights). This enumerates the
 *   pool/broadcast/set-layer blocks of docs/design.md §4: A·W + B·rowmean + C·colmean + D·mean for the same tensor,
 *   Γ·v + Λ·mean(v) set layers between neighbours, global means for all other pairs.
 * - NFN-NP (Zhou et al. 2023): the A..F terms of reference/nfnLayer.ts, which pool input and output neurons like
 *   hidden ones; the input/output axes are pinned by a learned embedding (a bias per input column of W_0 and per
 *   output row of W_{L-1}, b_{L-1}).
 */
import type { MlpLayout } from '../weightspace/layout';
import { TableBuilder, type Block } from './gatherTable';
import { indexTuples, isHiddenLayer, StatRegistry, weightTensors, type WeightTensor } from './weightTensors';
import type { WsGraph } from './wsGraph';

export type EquivariantKind = 'dws' | 'nfn';

/** A view: an entry of the input features, or a stat row. */
type View = { entry: number } | { stat: number };

interface Contribution {
  /** names the block within the group */
  slot: string;
  view: View;
  /** the partial row's key (which output indices the view is tied to), or null: a direct term of main */
  key: string | null;
}

interface EntryTerms {
  group: string;
  biasGroup: string;
  contributions: Contribution[];
}

type Describe = (t: WeightTensor, idx: number[], stats: StatRegistry) => EntryTerms;

function dwsDescriber(layout: MlpLayout): Describe {
  const tensors = weightTensors(layout);
  const hidden = (layer: number): boolean => isHiddenLayer(layout, layer);
  return (tOut, idx, stats) => {
    const outIndex = new Map<number, number>();
    tOut.axes.forEach((layer, a) => hidden(layer) && outIndex.set(layer, idx[a]));
    const fixedIdx = tOut.axes.map((layer, a) => (hidden(layer) ? '*' : idx[a])).join(',');
    const group = `${tOut.name}[${fixedIdx}]`;
    const contributions: Contribution[] = [];
    for (const tIn of tensors) {
      type Option = { fix: number } | { tie: true } | { pool: true };
      const options: Option[][] = tIn.axes.map((layer, a) =>
        !hidden(layer)
          ? Array.from({ length: tIn.shape[a] }, (_, i) => ({ fix: i }))
          : outIndex.has(layer)
            ? [{ tie: true as const }, { pool: true as const }]
            : [{ pool: true as const }],
      );
      for (const choice of indexTuples(options.map((o) => o.length))) {
        const opts = choice.map((c, a) => options[a][c]);
        const pooled = opts.map((o) => 'pool' in o);
        const at = opts.map((o, a) => ('fix' in o ? o.fix : 'tie' in o ? outIndex.get(tIn.axes[a])! : 0));
        const tiedLayers = tIn.axes.filter((_, a) => 'tie' in opts[a]).sort();
        const view: View = pooled.some(Boolean) ? { stat: stats.row(tIn, pooled, at) } : { entry: tIn.entry(at) };
        const full = tiedLayers.length === outIndex.size;
        contributions.push({
          slot: `${tIn.name}:${opts.map((o) => ('fix' in o ? `f${o.fix}` : 'tie' in o ? 't' : 'p')).join(',')}`,
          view,
          key: full && 'entry' in view ? null : tiedLayers.map((l) => `${l}=${outIndex.get(l)}`).join(',') || 'global',
        });
      }
    }
    return { group, biasGroup: group, contributions };
  };
}

function nfnDescriber(layout: MlpLayout): Describe {
  const tensors = weightTensors(layout);
  const L = layout.layers.length;
  const W = (i: number): WeightTensor => tensors[2 * i];
  const b = (i: number): WeightTensor => tensors[2 * i + 1];
  const colMean = (i: number, k: number, s: StatRegistry): View => ({ stat: s.row(W(i), [true, false], [0, k]) });
  const rowMean = (i: number, j: number, s: StatRegistry): View => ({ stat: s.row(W(i), [false, true], [j, 0]) });
  const globals = (s: StatRegistry): Contribution[] =>
    tensors.map((t) => ({
      slot: `G${t.name}`,
      view: {
        stat: s.row(
          t,
          t.axes.map(() => true),
          t.axes.map(() => 0),
        ),
      },
      key: 'global',
    }));
  // outSide_i[j] = [mean_k W_i[j,k]; b_i[j]; mean_j' W_{i+1}[j',j]]
  const outSide = (i: number, j: number, s: StatRegistry, slot: string, biasDirect: boolean): Contribution[] => [
    { slot: `${slot}0`, view: rowMean(i, j, s), key: `r${j}` },
    { slot: `${slot}1`, view: { entry: b(i).entry([j]) }, key: biasDirect ? null : `r${j}` },
    ...(i + 1 < L ? [{ slot: `${slot}2`, view: colMean(i + 1, j, s), key: `r${j}` }] : []),
  ];
  return (t, idx, s) => {
    const i = t.id >> 1;
    if (t.id % 2 === 1) {
      const [j] = idx;
      return {
        group: t.name,
        biasGroup: i === L - 1 ? `${t.name}[${j}]` : t.name,
        contributions: [...outSide(i, j, s, 'E', true), ...globals(s)],
      };
    }
    const [j, k] = idx;
    // inSide_i[k] = [mean_j W_i[j,k]; mean_k' W_{i-1}[k,k']; b_{i-1}[k]]
    const inSide: Contribution[] = [
      { slot: 'B0', view: colMean(i, k, s), key: `c${k}` },
      ...(i > 0
        ? [
            { slot: 'B1', view: rowMean(i - 1, k, s), key: `c${k}` },
            { slot: 'B2', view: { entry: b(i - 1).entry([k]) }, key: `c${k}` },
          ]
        : []),
    ];
    const pinned = [i === 0 ? `in${k}` : '', i === L - 1 ? `out${j}` : ''].filter(Boolean).join(',');
    return {
      group: t.name,
      biasGroup: pinned ? `${t.name}[${pinned}]` : t.name,
      contributions: [
        { slot: 'A', view: { entry: t.entry(idx) }, key: null },
        ...inSide,
        ...outSide(i, j, s, 'C', false),
        ...globals(s),
      ],
    };
  };
}

/**
 * The stats node: means of the input's entries. A stat that is the mean of other stats (a tensor's global mean is
 * the mean of its column means) is computed from them in a second op, which also copies the others: W2's DWS layer
 * reads W1's 32 column means instead of its 1024 entries for the global mean, and its adjoint reads 2 stats per W1
 * entry instead of 3 (pool and its adjoint: ~30% fewer loads for one more dispatch each). `keep`: the stats the
 * node holds, in this order (default: all of them).
 */
export function addPooling(
  graph: WsGraph,
  stats: StatRegistry,
  x: number,
  name: string,
  keep?: readonly number[],
): number {
  const cIn = graph.nodes[x].channels;
  const parts = stats.members.map((_, r) => stats.parts(r));
  // only parts that are computed from entries themselves (one level)
  const split = parts.map((p) => p !== null && p.every((q) => parts[q] === null));
  const fine = stats.members.map((_, r) => r).filter((r) => !split[r]);
  const pool = new TableBuilder(fine.length);
  fine.forEach((r, i) => stats.members[r].forEach((p) => pool.add(i, p, -1, 1 / stats.members[r].length)));
  const rows = keep ?? stats.members.map((_, r) => r);
  const s1 = graph.gather(`${name}.pool`, [x], pool.finish(), cIn, []);
  if (fine.length === stats.size && rows.every((r, i) => r === i) && rows.length === stats.size) return s1;
  const fineRow = new Map(fine.map((r, i) => [r, i]));
  const all = new TableBuilder(rows.length);
  rows.forEach((r, i) => {
    if (!split[r]) all.add(i, fineRow.get(r)!, -1, 1);
    else parts[r]!.forEach((q) => all.add(i, fineRow.get(q)!, -1, 1 / parts[r]!.length));
  });
  return graph.gather(`${name}.stats`, [s1], all.finish(), cIn, []);
}

export interface EquivariantLayer {
  output: number;
  /** the block of (group, slot), e.g. ('W1', 'A') for NFN or ('W1[*,*]', 'W1:t,t') for DWS */
  blocks: Map<string, Block>;
  /** bias block of each bias group */
  biases: Map<string, Block>;
}

/** Adds one equivariant layer (cIn → cOut channels) reading node `x` ([P, cIn]) to the graph. */
export function addEquivariantLayer(
  graph: WsGraph,
  layout: MlpLayout,
  kind: EquivariantKind,
  x: number,
  cOut: number,
  name: string,
): EquivariantLayer {
  const cIn = graph.nodes[x].channels;
  const P = layout.paramCount;
  const describe = kind === 'dws' ? dwsDescriber(layout) : nfnDescriber(layout);
  const stats = new StatRegistry();
  const entries: EntryTerms[] = new Array(P);
  for (const t of weightTensors(layout))
    for (const idx of indexTuples(t.shape)) entries[t.entry(idx)] = describe(t, idx, stats);

  // one block per (group, slot) and per bias group; fan-in = the group's slots × cIn
  const slotsOf = new Map<string, Set<string>>();
  for (const e of entries) {
    const s = slotsOf.get(e.group) ?? new Set<string>();
    e.contributions.forEach((c) => s.add(c.slot));
    slotsOf.set(e.group, s);
  }
  const blocks = new Map<string, Block>();
  for (const [group, slots] of slotsOf)
    for (const slot of slots) blocks.set(`${group}|${slot}`, graph.params.block(cIn, cOut, slots.size * cIn));
  const biases = new Map<string, Block>();
  for (const e of entries) if (!biases.has(e.biasGroup)) biases.set(e.biasGroup, graph.params.block(1, cOut, 0));

  // A bias shared by a whole group is added once, to the group's global partial row (which every entry of the group
  // reads), instead of once per entry in main: the same function, one load per entry fewer and its gradient summed
  // over groups instead of entries. Groups with finer bias groups (NFN's pinned rows and columns) keep it in main.
  // (Decided per group: the entry that first needs the global row defines its terms, bias included.)
  const hasGlobal = (e: EntryTerms): boolean => e.contributions.some((c) => c.key === 'global');
  const unfoldable = new Set(entries.filter((e) => e.biasGroup !== e.group || !hasGlobal(e)).map((e) => e.group));
  const folded = (e: EntryTerms): boolean => !unfoldable.has(e.group);
  const foldedBiases = new Set(entries.filter(folded).map((e) => e.biasGroup));
  for (const e of entries)
    if (!folded(e) && foldedBiases.has(e.biasGroup))
      throw new Error(`bias group ${e.biasGroup} is both folded and not`);

  const viewRow = (v: View): number => ('entry' in v ? v.entry : P + v.stat);
  const partialRows = new Map<string, { row: number; terms: [number, number][] }>();
  const mainTerms: [number, number, number][][] = entries.map(() => []);
  entries.forEach((e, p) => {
    const byKey = new Map<string, [number, number][]>();
    for (const c of e.contributions) {
      const blk = blocks.get(`${e.group}|${c.slot}`)!.offset;
      if (c.key === null) mainTerms[p].push([viewRow(c.view), blk, 1]);
      else {
        const key = `${e.group}|${c.key}`;
        byKey.set(key, [...(byKey.get(key) ?? []), [viewRow(c.view), blk]]);
      }
    }
    const bias = biases.get(e.biasGroup)!.offset;
    if (folded(e)) byKey.get(`${e.group}|global`)!.push([-1, bias]);
    // entries sharing a key share its partial row: the first one to need it defines its terms
    for (const [key, terms] of byKey) {
      let partial = partialRows.get(key);
      if (!partial) partialRows.set(key, (partial = { row: partialRows.size, terms }));
      mainTerms[p].push([P + partial.row, -1, 1]);
    }
    if (!folded(e)) mainTerms[p].push([-1, bias, 1]);
  });

  const partial = new TableBuilder(partialRows.size);
  for (const { row, terms } of partialRows.values()) for (const [src, blk] of terms) partial.add(row, src, blk);
  const main = new TableBuilder(P);
  mainTerms.forEach((terms, p) => terms.forEach(([src, blk, coef]) => main.add(p, src, blk, coef)));

  const all = [...blocks.values()];
  const direct = new Set(mainTerms.flat().map(([, blk]) => blk));
  const mainBiases = [...biases].filter(([group]) => !foldedBiases.has(group)).map(([, b]) => b);
  const partialBiases = [...biases].filter(([group]) => foldedBiases.has(group)).map(([, b]) => b);
  const s = addPooling(graph, stats, x, name);
  const z = graph.gather(`${name}.partial`, [x, s], partial.finish(), cOut, [
    ...all.filter((b) => !direct.has(b.offset)),
    ...partialBiases,
  ]);
  const output = graph.gather(`${name}.main`, [x, z], main.finish(), cOut, [
    ...all.filter((b) => direct.has(b.offset)),
    ...mainBiases,
  ]);
  return { output, blocks, biases };
}
