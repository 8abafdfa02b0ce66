/**
 * A weight-space model as a straight-line graph of gathered linear ops (gatherTable.ts) and ReLUs over nodes of
 * shape `[batch, rows, channels]`, and its compiled backward plan. The GPU executor (gpu/kernels/wsGraphKernels.ts)
 * and the float64 twin (reference/wsGraphTwin.ts) run exactly these steps.
 */
import { gradTable, ParamAllocator, transposeTable, type Block, type GatherTable, type GradTable } from './gatherTable';

export interface GraphNode {
  name: string;
  rows: number;
  channels: number;
}

export interface GatherOp {
  kind: 'gather';
  name: string;
  dst: number;
  /** one or two source nodes; the table's rows index them stacked */
  src: number[];
  table: GatherTable;
  blocks: Block[];
}

export interface ReluOp {
  kind: 'relu';
  name: string;
  dst: number;
  src: number;
}

export type GraphOp = GatherOp | ReluOp;

/** One step of the backward pass. Gradients of node k live in a buffer shaped like node k. */
export type BackwardStep =
  /** grad[dst] (+)= adjoint of `op` onto its source `src[source]`, read from grad[op.dst] */
  | { kind: 'gatherT'; op: GatherOp; source: number; dst: number; table: GatherTable; accumulate: boolean }
  /** dΘ of every block of `op` */
  | { kind: 'blockGrad'; op: GatherOp; grad: GradTable }
  /** grad[op.src] (+)= grad[op.dst] · (value[op.src] > 0) */
  | { kind: 'reluT'; op: ReluOp; accumulate: boolean };

export class WsGraph {
  readonly nodes: GraphNode[] = [];
  readonly ops: GraphOp[] = [];
  readonly params = new ParamAllocator();

  node(name: string, rows: number, channels: number): number {
    this.nodes.push({ name, rows, channels });
    return this.nodes.length - 1;
  }

  /** Adds an op writing a new node; returns the node. */
  gather(name: string, src: number[], table: GatherTable, channels: number, blocks: Block[]): number {
    if (src.length < 1 || src.length > 2) throw new Error(`${name}: an op reads one or two nodes`);
    const rows = src.reduce((s, k) => s + this.nodes[k].rows, 0);
    for (let i = 0; i < table.row.length; i++) {
      if (table.row[i] >= rows) throw new Error(`${name}: a term reads row ${table.row[i]} of ${rows}`);
    }
    const dst = this.node(name, table.dstRows, channels);
    this.ops.push({ kind: 'gather', name, dst, src, table, blocks });
    return dst;
  }

  relu(src: number): number {
    const n = this.nodes[src];
    const dst = this.node(`relu(${n.name})`, n.rows, n.channels);
    this.ops.push({ kind: 'relu', name: `relu(${n.name})`, dst, src });
    return dst;
  }

  get output(): number {
    return this.nodes.length - 1;
  }

  /**
   * Backward steps in order, from grad[output] to every parameter (and to the input nodes `inputGrads`, nodes no op
   * makes, whose values come from a stage before the graph: the probe features, whose points are trained).
   * A node's gradient is written by its first adjoint and accumulated by the rest. The adjoints onto a node wait
   * until the op that makes the node comes up (every op that reads it is done by then), and the one with identity
   * terms on the most rows goes first: it writes every row anyway, and the others then only add the rows they
   * touch (an adjoint whose terms all run as block passes adds nothing outside them).
   */
  backwardPlan(inputGrads: readonly number[] = []): BackwardStep[] {
    // a node needs a gradient when a parameter or one of inputGrads lies upstream of it
    const upstream = this.nodes.map((_, k) => inputGrads.includes(k));
    for (const op of this.ops) {
      const srcs = op.kind === 'relu' ? [op.src] : op.src;
      upstream[op.dst] = srcs.some((k) => upstream[k]) || (op.kind === 'gather' && op.blocks.length > 0);
    }
    const written = new Set<number>([this.output]);
    const steps: BackwardStep[] = [];
    const pending = new Map<number, { op: GatherOp; source: number; table: GatherTable }[]>();
    const flush = (k: number): void => {
      const ranked = (pending.get(k) ?? []).map((adjoint) => ({ adjoint, rows: identityRows(adjoint.table) }));
      pending.delete(k);
      ranked.sort((a, b) => b.rows - a.rows); // stable: ties keep their order
      for (const { op, source, table } of ranked.map((r) => r.adjoint)) {
        steps.push({ kind: 'gatherT', op, source, dst: k, table, accumulate: written.has(k) });
        written.add(k);
      }
    };
    for (const op of [...this.ops].reverse()) {
      flush(op.dst);
      if (!written.has(op.dst)) continue; // nothing downstream uses it
      if (op.kind === 'relu') {
        if (!upstream[op.src]) continue;
        steps.push({ kind: 'reluT', op, accumulate: written.has(op.src) });
        written.add(op.src);
        continue;
      }
      if (op.blocks.length > 0) steps.push({ kind: 'blockGrad', op, grad: gradTable(op.table, op.blocks) });
      let first = 0;
      op.src.forEach((k, source) => {
        const rows = this.nodes[k].rows;
        if (upstream[k])
          pending.set(k, [...(pending.get(k) ?? []), { op, source, table: transposeTable(op.table, first, rows) }]);
        first += rows;
      });
    }
    for (const k of [...pending.keys()]) flush(k); // the input nodes, which no op makes
    return steps;
  }
}

/** Rows of a table with at least one identity term (a term that is not a block). */
function identityRows(t: GatherTable): number {
  let count = 0;
  for (let r = 0; r < t.dstRows; r++) {
    for (let i = t.rowStart[r]; i < t.rowStart[r + 1]; i++) {
      if (t.blk[i] < 0) {
        count++;
        break;
      }
    }
  }
  return count;
}
