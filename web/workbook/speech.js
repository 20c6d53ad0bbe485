// The device's voice for the page's language, for reading aloud. Browsers often
// list their voices a moment after the page opens; without a voice for the
// language nothing is spoken and the text stays as it is.

/** The first voice of the device for the page's language, if it has one.
 * @returns {SpeechSynthesisVoice | null} */
export function voice() {
  if (!("speechSynthesis" in window)) return null;
  const language = document.documentElement.lang;
  return speechSynthesis.getVoices().find((found) => found.lang.toLowerCase().startsWith(language)) || null;
}

/** Speaks a text with the voice; `done` when it has been spoken or was stopped.
 * @param {SpeechSynthesisVoice} chosen @param {string} text @param {() => void} [done] */
export function speak(chosen, text, done) {
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = chosen;
  utterance.lang = chosen.lang;
  if (done) {
    utterance.onend = done;
    utterance.onerror = done;
  }
  speechSynthesis.speak(utterance);
}

/** Says one word a child tapped (a feeling, an option), if the device has a
 * voice; what was being read stops for it.
 * @param {string} text */
export function sayWord(text) {
  const chosen = voice();
  if (!chosen) return;
  if (speechSynthesis.speaking) speechSynthesis.cancel();
  speak(chosen, text);
}

/** A speaker, for the read-aloud button. */
export const SPEAKER = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false" class="icon">
  <path d="M3 9h4l5-4v14l-5-4H3z" fill="currentColor"/>
  <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>
</svg>`;
