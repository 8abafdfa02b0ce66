import { useEffect, useRef } from 'react';

const SHORTCUTS: [string, string][] = [
  ['Space', 'play / pause the fit'],
  ['→', 'one fitting step'],
  ['?', 'this help'],
  ['Esc', 'close this help'],
];

const TERMS: [string, string][] = [
  [
    'INR',
    'implicit neural representation: a small network that maps a pixel position (x, y) to its intensity, so its weights encode the image.',
  ],
  ['SIREN', 'an INR with sine activations, sin(ω0·(Wx + b)); ω0 sets how fine a detail it can fit.'],
  [
    'PSNR',
    'peak signal-to-noise ratio of the reconstruction, in dB: 10·log10(1 / MSE). 40 dB is a near-perfect 28×28 digit.',
  ],
  ['zoo', 'many INRs fitted by one recipe, with their labels: the data set a weight-space model learns from.'],
  [
    'DWS / NFN-NP',
    'permutation-equivariant layers that read weights: reordering an INR’s hidden neurons (the same function) cannot change their answer.',
  ],
  ['flattened MLP', 'the baseline that reads the weights as one long vector; it is fooled by permuted copies.'],
  [
    'probe reader',
    'reads an INR through its function: its outputs at a few learned input points. Any reordering or negation of its neurons leaves it unchanged.',
  ],
  [
    'canonical signs',
    'sin is odd, so negating a hidden neuron (its incoming weights, bias and outgoing weights) keeps the function; the canonical form picks one sign per neuron, so a reader cannot be fooled by negations either.',
  ],
  [
    'learning curve',
    'test accuracy against the number of training INRs, each smaller training set inside the larger ones.',
  ],
  [
    'editing model',
    'weights in, weights out: it reads an INR and returns a change for every weight, learned so that the edited INR draws the edited image (dilated, eroded, inverted). An equivariant one edits a permuted INR into the permuted edit.',
  ],
  [
    'permuted test',
    'the same test INRs with their hidden neurons randomly reordered: equivariant models score exactly the same on them.',
  ],
  [
    'mixup',
    'training on α·A + (1 − α)·B of two INRs’ weights with labels mixed the same way; aligned mixup first matches B’s neurons to A’s.',
  ],
];

/** The page's help: what the panels do, the words they use and the keyboard shortcuts. Opened by the header button or `?`. */
export function HelpDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  // the dialog element keeps its own open state (Esc and the Close button close it natively)
  const show = (): void => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const target = event.target as HTMLElement | null;
      if (event.key === '?' && !target?.closest('input, select, textarea')) show();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <button
        className="secondary help-button"
        onClick={show}
        data-testid="help"
        aria-haspopup="dialog"
        title="Help and keyboard shortcuts (?)"
      >
        ? Help
      </button>
      <dialog ref={dialog} className="help-dialog" aria-labelledby="help-title" data-testid="help-dialog">
        <h2 id="help-title">How to use Weightscape</h2>
        <ol className="help-steps">
          <li>
            <strong>Fit an INR.</strong> Pick a digit (or draw one, or upload a picture) and press Play: a SIREN learns
            the image; watch the PSNR rise. Width, depth, ω0 and the seed re-initialise the weights; the learning rate,
            steps per frame and the stop rule change live.
          </li>
          <li>
            <strong>Make a zoo.</strong> In “Learn from weights”, Generate fits many INRs (10 per digit and up) in the
            background; zoos are kept in this browser.
          </li>
          <li>
            <strong>Train on weights.</strong> Train a DWS or NFN-NP model (or the flattened MLP) to classify the digits
            from the INRs’ weights alone, and compare its score on the test INRs with its score on permuted copies of
            them.
          </li>
          <li>
            <strong>Augment.</strong> “Augment weights” shows what each weight-space augmentation does to an INR (and
            mixup of two, vanilla against aligned); the ablation in “Learn from weights” trains with each one and
            compares test accuracy over several seeds.
          </li>
        </ol>
        <h3>Words</h3>
        <dl className="help-terms">
          {TERMS.map(([term, meaning]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{meaning}</dd>
            </div>
          ))}
        </dl>
        <h3>Keyboard</h3>
        <table className="help-keys">
          <tbody>
            {SHORTCUTS.map(([key, action]) => (
              <tr key={key}>
                <td>
                  <kbd>{key}</kbd>
                </td>
                <td>{action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">
          Everything runs in this page, on your GPU through WebGPU (or on the CPU without one); nothing is sent
          anywhere.
        </p>
        <form method="dialog">
          <button className="primary" data-testid="help-close">
            Close
          </button>
        </form>
      </dialog>
    </>
  );
}
