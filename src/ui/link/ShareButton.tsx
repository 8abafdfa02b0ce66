import { useLinkStore } from '../../state/linkStore';
import { shareLink } from './linkSync';
import { useFields } from '../hooks/useFields';

/** Copies the link of the experiment as it is now; shows it too, for when the clipboard is not allowed. */
export function ShareButton() {
  const { shared, set } = useFields(useLinkStore, 'shared', 'set');
  const share = async (): Promise<void> => {
    const link = shareLink();
    let copied = false;
    try {
      await navigator.clipboard.writeText(link);
      copied = true;
    } catch {
      // no clipboard permission: the link is shown to copy by hand
    }
    set({ shared: { link, copied } });
  };
  return (
    <div className="share">
      <button
        onClick={() => void share()}
        data-testid="share"
        title="copy a link that opens this experiment with the same settings"
      >
        Share
      </button>
      {shared && (
        <div className="share-popover" role="status">
          <span>{shared.copied ? 'Link copied:' : 'Copy this link:'}</span>
          <input
            readOnly
            value={shared.link}
            aria-label="experiment link"
            data-testid="share-link"
            onFocus={(e) => e.target.select()}
          />
          <button className="icon" aria-label="close" onClick={() => set({ shared: null })}>
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
