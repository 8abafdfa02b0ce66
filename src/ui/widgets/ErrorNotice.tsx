/** An error line that screen readers announce; nothing when there is no error. */
export function ErrorNotice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className="notice error" role="alert">
      {text}
    </p>
  );
}
