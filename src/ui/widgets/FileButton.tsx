/**
 * A button that opens the browser's file chooser and hands over the chosen file. The input is cleared after each
 * choice, so choosing the same file again (after fixing it, say) fires again.
 */
export function FileButton(props: {
  label: string;
  accept: string;
  testId: string;
  title?: string;
  onFile: (file: File) => void;
}) {
  return (
    <label className="file-button" title={props.title}>
      {props.label}
      <input
        type="file"
        accept={props.accept}
        data-testid={props.testId}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) props.onFile(file);
        }}
      />
    </label>
  );
}
