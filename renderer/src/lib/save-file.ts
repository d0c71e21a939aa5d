import type { ExportFile } from '../../../shared/contract';

/**
 * Saves a file the engine built (`exports.build`) the shell's own way: the browser downloads it; in
 * Electron the same download is caught by main (`will-download`), which shows the save dialog.
 * A blob URL keeps the bytes in this page (no second request, nothing for the CSP to allow beyond
 * `blob:` downloads) and is revoked once the click has started the download.
 */
export function saveExportFile(file: ExportFile, doc: Document = document): void {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mediaType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
