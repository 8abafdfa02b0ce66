/** Saves bytes or text as a file through the browser's download (a blob URL: nothing leaves the page's origin). */
export function download(name: string, data: BlobPart, type = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name made of a title: letters, digits and dashes. */
export const fileNameOf = (title: string, extension: string): string =>
  `${
    title
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'weightscape'
  }.${extension}`;
