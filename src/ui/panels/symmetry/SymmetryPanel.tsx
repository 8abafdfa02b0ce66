import { useState } from 'react';
import { digitImage, MNIST_SIDE } from '../../../data/mnistFile';
import { sirenLayout } from '../../../models/siren';
import { isIdentityAffine } from '../../../weightspace/inputTransforms';
import { useSymmetryStore } from '../../../state/symmetryStore';
import { useLearnStore } from '../../../state/learnStore';
import { ErrorNotice } from '../../widgets/ErrorNotice';
import { FileButton } from '../../widgets/FileButton';
import { Heatmap } from '../../widgets/Heatmap';
import { ImageCanvas } from '../../widgets/ImageCanvas';
import { fileInr, liveFitInr, zooInr } from '../../io/inrSources';
import { NumberField } from '../../widgets/NumberField';
import * as sym from './symmetryActions';
import { useMnist } from '../../hooks/useMnist';
import { inrToSafetensors } from '../../../data/zooSafetensors';
import { download, fileNameOf } from '../../io/download';
import { readChosenFile } from '../../io/fileImport';
import { useFields } from '../../hooks/useFields';

/** Heatmaps of every weight matrix and bias vector of the current INR; hidden axes are clickable neuron indices. */
function WeightHeatmaps() {
  const { source, history, cursor, selected } = useFields(useSymmetryStore, 'source', 'history', 'cursor', 'selected');
  const step = history[cursor];
  if (!source || !step) return null;
  const layout = sirenLayout(source.spec);
  const hiddenCount = layout.layers.length - 1;
  const picked = (hidden: number): number[] => selected.filter((p) => p.hidden === hidden).map((p) => p.j);
  return (
    <div className="heatmaps" data-testid="sym-heatmaps">
      {layout.layers.map((layer, l) => {
        // rows of W_l are hidden layer l + 1 (unless l is the last layer); columns are hidden layer l (unless l = 0)
        const rowHidden = l < hiddenCount ? l + 1 : 0;
        const colHidden = l > 0 ? l : 0;
        const move = step.move;
        const W = step.params.subarray(layer.weightOffset, layer.weightOffset + layer.nOut * layer.nIn);
        const b = step.params.subarray(layer.biasOffset, layer.biasOffset + layer.nOut);
        return (
          <figure key={l} className="tensor">
            <div className="tensor-maps">
              <Heatmap
                values={W}
                rows={layer.nOut}
                cols={layer.nIn}
                move={
                  move
                    ? {
                        rowsFrom: rowHidden ? move[rowHidden - 1] : null,
                        colsFrom: colHidden ? move[colHidden - 1] : null,
                      }
                    : null
                }
                highlightRows={rowHidden ? picked(rowHidden) : []}
                highlightCols={colHidden ? picked(colHidden) : []}
                onRow={rowHidden ? (j) => sym.toggleNeuron(rowHidden, j) : undefined}
                onCol={colHidden ? (j) => sym.toggleNeuron(colHidden, j) : undefined}
                rowIndices={rowHidden > 0}
                colIndices={colHidden > 0}
                label={`W${l}: ${layer.nOut}×${layer.nIn}`}
                testId={`sym-w${l}`}
              />
              <Heatmap
                values={b}
                rows={layer.nOut}
                cols={1}
                move={move && rowHidden ? { rowsFrom: move[rowHidden - 1], colsFrom: null } : null}
                highlightRows={rowHidden ? picked(rowHidden) : []}
                onRow={rowHidden ? (j) => sym.toggleNeuron(rowHidden, j) : undefined}
                colIndices={false}
                label={`b${l}: ${layer.nOut}`}
              />
            </div>
            <figcaption>
              W{l} ({layer.nOut}×{layer.nIn}) · b{l}
              <br />
              <span className="hint">
                rows: {rowHidden ? `hidden layer ${rowHidden}` : 'output'} · cols:{' '}
                {colHidden ? `hidden layer ${colHidden}` : 'input (x, y)'}
              </span>
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}

function Actions() {
  const { selected, history, cursor, busy } = useFields(useSymmetryStore, 'selected', 'history', 'cursor', 'busy');
  const [k, setK] = useState(1);
  const [translate, setTranslate] = useState([0.2, 0]);
  const [degrees, setDegrees] = useState(20);
  const [scale, setScale] = useState(1.2);
  const [pick, setPick] = useState({ hidden: 1, j: 0 });
  const source = useSymmetryStore((st) => st.source);
  const hiddenLayers = source ? source.spec.dims.length - 2 : 1;
  const width = source ? (source.spec.dims[pick.hidden] ?? 1) : 1;
  const oneLayer = selected.length > 0;
  return (
    <div className="sym-actions">
      <h3>Exact symmetries (same function)</h3>
      <div className="button-row">
        <button
          className="primary"
          onClick={() => void sym.randomPermutation()}
          disabled={Boolean(busy)}
          data-testid="sym-permute"
        >
          Random permutation
        </button>
        <button onClick={() => void sym.sortNeurons()} data-testid="sym-sort">
          Sort by outgoing norm
        </button>
      </div>
      <p className="hint">
        Click neurons (rows or columns of a heatmap) to pick them, or pick by number:{' '}
        {selected.length === 0 ? 'none picked' : selected.map((p) => `layer ${p.hidden} #${p.j}`).join(', ')}.
      </p>
      <div className="button-row">
        <NumberField
          label="hidden layer"
          value={pick.hidden}
          rule={{ min: 1, max: hiddenLayers, multipleOf: 1 }}
          onCommit={(hidden) => setPick({ ...pick, hidden })}
          testId="sym-pick-layer"
        />
        <NumberField
          label="neuron"
          value={pick.j}
          rule={{ min: 0, max: width - 1, multipleOf: 1 }}
          onCommit={(j) => setPick({ ...pick, j })}
          testId="sym-pick-neuron"
        />
        <button
          onClick={() => sym.toggleNeuron(pick.hidden, Math.min(pick.j, width - 1))}
          disabled={!source}
          data-testid="sym-pick"
        >
          Pick / unpick
        </button>
      </div>
      <div className="button-row">
        <button onClick={() => void sym.swapSelected()} disabled={selected.length !== 2} data-testid="sym-swap">
          Swap the two
        </button>
        <button onClick={() => void sym.negateSelected()} disabled={!oneLayer} data-testid="sym-negate">
          Negate
        </button>
        <button onClick={() => void sym.shiftSelectedBias(k)} disabled={!oneLayer} data-testid="sym-shift">
          Shift bias by kπ/ω0
        </button>
        <NumberField label="k" value={k} rule={{ min: -8, max: 8, multipleOf: 1 }} onCommit={setK} testId="sym-k" />
      </div>
      <h3>Input-space transforms (through layer 0)</h3>
      <div className="button-row">
        <NumberField
          label="Δx"
          value={translate[0]}
          rule={{ min: -1, max: 1 }}
          onCommit={(x) => setTranslate([x, translate[1]])}
          testId="sym-tx"
        />
        <NumberField
          label="Δy"
          value={translate[1]}
          rule={{ min: -1, max: 1 }}
          onCommit={(y) => setTranslate([translate[0], y])}
          testId="sym-ty"
        />
        <button
          onClick={() =>
            void sym.transformInput({ kind: 'translate', t: translate }, `translate by (${translate.join(', ')})`)
          }
          data-testid="sym-translate"
        >
          Translate
        </button>
      </div>
      <div className="button-row">
        <NumberField
          label="degrees"
          value={degrees}
          rule={{ min: -180, max: 180 }}
          onCommit={setDegrees}
          testId="sym-degrees"
        />
        <button
          onClick={() =>
            void sym.transformInput({ kind: 'rotate', radians: (degrees * Math.PI) / 180 }, `rotate by ${degrees}°`)
          }
          data-testid="sym-rotate"
        >
          Rotate
        </button>
        <NumberField
          label="scale"
          value={scale}
          rule={{ min: 0.25, max: 4 }}
          onCommit={setScale}
          testId="sym-scale-factor"
        />
        <button
          onClick={() => void sym.transformInput({ kind: 'scale', s: scale }, `scale by ${scale}`)}
          data-testid="sym-scale"
        >
          Scale
        </button>
      </div>
      <div className="button-row history-row">
        <button onClick={() => void sym.moveInHistory(-1)} disabled={cursor <= 0} data-testid="sym-undo">
          ↶ Undo
        </button>
        <button
          onClick={() => void sym.moveInHistory(1)}
          disabled={cursor >= history.length - 1}
          data-testid="sym-redo"
        >
          Redo ↷
        </button>
      </div>
      <ol className="sym-history">
        {history.map((h, i) => (
          <li key={i} className={i === cursor ? 'active' : i > cursor ? 'undone' : ''}>
            {h.label}
          </li>
        ))}
      </ol>
    </div>
  );
}

function Renders() {
  const { renders: latest, history, cursor } = useFields(useSymmetryStore, 'renders', 'history', 'cursor');
  // renders of an older step are not this step's figures
  const renders = latest && latest.step === history[cursor] ? latest : null;
  const transformed = history[cursor] ? !isIdentityAffine(history[cursor].affine, 2) : false;
  return (
    <div className="sym-renders">
      <div className="images">
        <ImageCanvas image={latest?.original ?? null} side={MNIST_SIDE} testId="sym-original" label="original INR" />
        <ImageCanvas
          image={renders?.current ?? latest?.current ?? null}
          side={MNIST_SIDE}
          testId="sym-current"
          label="after the actions"
        />
        {transformed && (
          <ImageCanvas
            image={renders?.expected ?? null}
            side={MNIST_SIDE}
            testId="sym-expected"
            label="original at A·x + t"
          />
        )}
      </div>
      <div className="readouts">
        <div className="readout big">
          <span className="value" data-testid="sym-maxdiff" data-step={renders ? cursor : undefined}>
            {renders ? renders.maxDiff.toExponential(2) : '—'}
          </span>
          <span className="unit">
            max |Δ| {transformed ? 'vs the original at transformed coordinates' : 'vs the original render'}
          </span>
        </div>
        {transformed && renders && (
          <div className="readout">
            <span className="value" data-testid="sym-maxdiff-original">
              {renders.maxDiffOriginal.toFixed(3)}
            </span>
            <span className="unit">max |Δ| vs the original render (the image moved)</span>
          </div>
        )}
      </div>
      <p className="hint">
        Both INRs are rendered on the GPU. Exact symmetries change the weights but not the function: |Δ| is float32
        rounding (~1e-7).
      </p>
    </div>
  );
}

function openInrFile(file: File): void {
  void sym.loadInr(async () => fileInr(await readChosenFile(file), file.name));
}

function exportCurrentInr(): void {
  const { source, history, cursor } = useSymmetryStore.getState();
  const params = history[cursor]?.params;
  if (!source || !params) return;
  download(
    fileNameOf(source.name, 'safetensors'),
    inrToSafetensors({ name: source.name, dims: source.spec.dims, omega0: source.spec.omega0, params }),
  );
}

/** "The weights are not the function": permute, negate and shift neurons of a fitted INR and watch the image stay. */
export function SymmetryPanel() {
  const { source, busy, error } = useFields(useSymmetryStore, 'source', 'busy', 'error');
  const selectedZooId = useLearnStore((st) => st.selectedZooId);
  const { set } = useMnist();
  const [row, setRow] = useState(0);
  const imageOf = (index: number): Float32Array | null => (set && index >= 0 ? digitImage(set, index) : null);
  return (
    <section className="panel symmetry-panel" aria-labelledby="sym-title">
      <div className="panel-head">
        <h2 id="sym-title">Symmetries: the weights move, the image does not</h2>
        <p>
          Reorder, negate or shift the hidden neurons of an INR: its weights change, the function it computes does not.
        </p>
      </div>
      <div className="card sym-source">
        <div className="button-row">
          <button className="primary" onClick={() => void sym.loadInr(liveFitInr)} data-testid="sym-load-fit">
            Use the fit above
          </button>
          <NumberField
            label="zoo INR #"
            value={row}
            rule={{ min: 0, max: 100000, multipleOf: 1 }}
            onCommit={setRow}
            testId="sym-zoo-row"
          />
          <button
            onClick={() => selectedZooId && void sym.loadInr(() => zooInr(selectedZooId, row, imageOf))}
            disabled={!selectedZooId}
            data-testid="sym-load-zoo"
            title={selectedZooId ? 'from the zoo selected below' : 'make or pick a zoo below first'}
          >
            Use zoo INR
          </button>
          <FileButton
            label="Open INR file…"
            accept=".safetensors"
            testId="sym-open-file"
            title="an INR file (.safetensors: seq.{k}.weight / bias, metadata dims and omega0)"
            onFile={openInrFile}
          />
          {source && (
            <button
              onClick={exportCurrentInr}
              data-testid="sym-export"
              title="the INR as it is now, as a .safetensors file (loads in PyTorch, the CLI and here)"
            >
              Export INR
            </button>
          )}
          <span className="hint">{busy ?? (source ? `Showing ${source.name}.` : 'Pick an INR to start.')}</span>
        </div>
        {source && source.notices.length > 0 && (
          <p className="hint" role="status" data-testid="sym-file-notice">
            Assumed for this file: {source.notices.join('; ')}.
          </p>
        )}
        <ErrorNotice text={error} />
      </div>
      {source && (
        <div className="sym-grid">
          <div className="card">
            <Actions />
          </div>
          <div className="card">
            <Renders />
            <WeightHeatmaps />
          </div>
        </div>
      )}
    </section>
  );
}
