import { useEffect, useRef, useState } from 'react';
import { digitImage, indicesOfClass, MNIST_SIDE } from '../../data/mnistFile';
import { DEMOS } from '../../state/demos';
import { HIDEABLE_KEYS, LINK_SCHEMA } from '../../state/linkSchema';
import { ImageCanvas } from '../widgets/ImageCanvas';
import { useMnist } from '../hooks/useMnist';
import { openDemo } from '../link/linkSync';

const ABOUT = Object.fromEntries(LINK_SCHEMA.map((s) => [s.key, s.about]));

/** Builds a demo link with chosen controls hidden, for a class. */
function ClassLink() {
  const [demo, setDemo] = useState(DEMOS[0].id);
  const [hidden, setHidden] = useState<string[]>(DEMOS[0].hide);
  const link = `${location.origin}${location.pathname}#v=1&demo=${demo}${hidden.length ? `&hide=${hidden.join(',')}` : ''}`;
  const [copied, setCopied] = useState(false);
  return (
    <section className="class-link" aria-labelledby="class-title">
      <h3 id="class-title">Use in class</h3>
      <label>
        demo
        <select
          value={demo}
          onChange={(e) => {
            setDemo(e.target.value);
            setHidden(DEMOS.find((d) => d.id === e.target.value)!.hide);
          }}
          data-testid="class-demo"
        >
          {DEMOS.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="class-hide">
        <legend>hide these controls</legend>
        {HIDEABLE_KEYS.map((k) => (
          <label className="check" key={k}>
            <input
              type="checkbox"
              checked={hidden.includes(k)}
              onChange={(e) => setHidden(e.target.checked ? [...hidden, k] : hidden.filter((h) => h !== k))}
              data-testid={`class-hide-${k}`}
            />
            {ABOUT[k]}
          </label>
        ))}
      </fieldset>
      <div className="share-row">
        <input
          readOnly
          value={link}
          aria-label="link for the class"
          data-testid="class-link"
          onFocus={(e) => e.target.select()}
        />
        <button
          onClick={() =>
            void navigator.clipboard.writeText(link).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </section>
  );
}

/** The header's "Demos" entry: the gallery of teaching demos (each opens its link) and the class-link builder. */
export function DemoGallery() {
  const dialog = useRef<HTMLDialogElement>(null);
  const { set: mnist } = useMnist();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    const closed = (): void => setOpen(false);
    el.addEventListener('close', closed);
    return () => el.removeEventListener('close', closed);
  }, []);
  const thumb = (digit: number): Float32Array | null =>
    mnist ? digitImage(mnist, indicesOfClass(mnist, digit)[0]) : null;
  return (
    <>
      <button
        className="secondary"
        onClick={() => {
          dialog.current?.showModal();
          setOpen(true);
        }}
        data-testid="demos"
        aria-haspopup="dialog"
      >
        Demos
      </button>
      <dialog ref={dialog} className="help-dialog demo-gallery" aria-labelledby="demos-title">
        <h2 id="demos-title">Teaching demos</h2>
        {open && (
          <>
            <ul className="demo-list">
              {DEMOS.map((d, i) => (
                <li key={d.id}>
                  <button
                    className="demo-entry"
                    onClick={() => {
                      dialog.current?.close();
                      openDemo(d.id);
                    }}
                    data-testid={`demo-${d.id}`}
                  >
                    <ImageCanvas image={thumb(d.thumbDigit)} side={MNIST_SIDE} testId={`demo-thumb-${d.id}`} label="" />
                    <span>
                      <strong>
                        {i + 1}. {d.title}
                      </strong>
                      <span className="hint">{d.summary}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            <ClassLink />
          </>
        )}
        <form method="dialog">
          <button className="primary">Close</button>
        </form>
      </dialog>
    </>
  );
}
