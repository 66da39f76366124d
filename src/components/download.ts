/** Saves a blob as a file through the browser's download (nothing leaves the device). */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Let the download start before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves text as a file through the browser's download (nothing leaves the device). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  // A byte-order mark, so Excel reads the file as UTF-8 (accented names, €).
  downloadBlob(filename, new Blob(['\ufeff', text], { type }));
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNSAFE = /[\u0000-\u001f<>:"/\\|?*]+/g;

/** A file name from a title: control characters and those Windows or macOS refuse become "-". */
export function fileName(title: string, extension: string): string {
  const base = title.replace(UNSAFE, '-').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  return `${base || 'tillsight'}.${extension}`;
}
