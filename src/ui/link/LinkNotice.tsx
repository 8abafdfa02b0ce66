import { useLinkStore } from '../../state/linkStore';
import { useFields } from '../hooks/useFields';

/** What was wrong with the link the page was opened with (each value replaced by its default or range). */
export function LinkNotice() {
  const { problems, set } = useFields(useLinkStore, 'problems', 'set');
  if (problems.length === 0) return null;
  return (
    <div className="notice error url-notice" role="alert" data-testid="url-notice">
      <div>
        <strong>Some settings in this link were not valid and were replaced:</strong>
        <ul>
          {problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      </div>
      <button
        className="icon"
        aria-label="dismiss"
        onClick={() => set({ problems: [] })}
        data-testid="url-notice-dismiss"
      >
        ✕
      </button>
    </div>
  );
}
