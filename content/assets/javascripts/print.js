// A "print" button ([data-print]) opens the browser's print dialog.
// The button is hidden in the HTML and shown only here, so a reader
// without scripts never sees a control that does nothing.
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
