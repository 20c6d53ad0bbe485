// Saving a made file on the device: written once for the children's app and
// the counselor tools. Web Share with files needs a user gesture and accepts
// only some types (text/html does); where it cannot, a download link does.

import { h } from "./dom.js";

/** A text that can be part of a file's name in every system: letters, digits and "-".
 * @param {string} text @param {string} fallback when nothing of the text is left @returns {string} */
export function safeName(text, fallback) {
  return text.normalize("NFKD").replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || fallback;
}

/** Downloads the file (to the browser's downloads). @param {File} file */
export function download(file) {
  const url = URL.createObjectURL(file);
  const link = h("a", { href: url, download: file.name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Offers the file to the device's share sheet (a tablet: to mail, chat or files);
 * downloads it where there is none. Resolves when the family has chosen or cancelled.
 * @param {File} file @returns {Promise<void>} */
export async function shareOrDownload(file) {
  if (navigator.canShare && navigator.canShare({ files: [file] })) {
    try {
      await navigator.share({ files: [file] });
      return;
    } catch (error) {
      if (error && error.name === "AbortError") return;
    }
  }
  download(file);
}
