// Drawing with a finger, a pen or a mouse (pointer events): colours, two
// thicknesses, an eraser, undo and clear. Every finished stroke is reported
// as a PNG data URL, which the activity saves.

import { h } from "../shared/dom.js";

const WIDTH = 800;
const HEIGHT = 600;
const COLOURS = ["#2f2219", "#c62828", "#f4a300", "#2e7d32", "#1f5fa8", "#6b3fa0", "#8a4312"];
const SIZES = { thin: 6, thick: 18 };
const UNDO_STEPS = 20;

/** The drawing field: canvas and tools. `image`: the drawing so far (a data:
 * URL), or none; `onChange(image)` after every stroke, undo and clear.
 * @param {{words: import("../shared/types.js").Words, image?: string | null, onChange: (image: string) => void}} options
 * @returns {HTMLElement} */
export function drawing({ words, image, onChange }) {
  const canvas = h("canvas", {
    class: "drawing__canvas",
    width: WIDTH,
    height: HEIGHT,
    role: "img",
    "aria-label": words.colours,
  });
  // A canvas of this size always has a 2d context.
  const context = /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d"));
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, WIDTH, HEIGHT);
  context.lineCap = "round";
  context.lineJoin = "round";
  let colour = COLOURS[0];
  let size = SIZES.thin;
  let erasing = false;
  /** @type {ImageData[]} */
  const history = [];

  if (image) {
    const picture = new Image();
    picture.onload = () => context.drawImage(picture, 0, 0, WIDTH, HEIGHT);
    picture.src = image;
  }

  /** Where the pointer is, on the canvas. @param {PointerEvent} event @returns {[number, number]} */
  const point = (event) => {
    const box = canvas.getBoundingClientRect();
    return [((event.clientX - box.left) / box.width) * WIDTH, ((event.clientY - box.top) / box.height) * HEIGHT];
  };
  /** @type {[number, number] | null} the stroke's last point, while drawing */
  let last = null;
  canvas.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    history.push(context.getImageData(0, 0, WIDTH, HEIGHT));
    if (history.length > UNDO_STEPS) history.shift();
    last = point(event);
    context.strokeStyle = erasing ? "#ffffff" : colour;
    context.lineWidth = erasing ? SIZES.thick * 1.5 : size;
    context.beginPath();
    context.moveTo(...last);
    context.lineTo(...last);
    context.stroke();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!last) return;
    const next = point(event);
    context.beginPath();
    context.moveTo(...last);
    context.lineTo(...next);
    context.stroke();
    last = next;
  });
  const finish = () => {
    if (!last) return;
    last = null;
    onChange(canvas.toDataURL("image/png"));
  };
  canvas.addEventListener("pointerup", finish);
  canvas.addEventListener("pointercancel", finish);

  /** @param {HTMLElement[]} group @param {HTMLElement} chosen */
  const pressed = (group, chosen) => {
    for (const button of group) button.setAttribute("aria-pressed", String(button === chosen));
  };
  const colourButtons = COLOURS.map((value, index) => {
    const button = h("button", {
      type: "button",
      class: "swatch",
      "aria-pressed": String(index === 0),
      "aria-label": `${words.colours} ${index + 1}`,
      onclick: () => {
        colour = value;
        erasing = false;
        pressed([...colourButtons, eraser], button);
      },
    });
    button.style.setProperty("--swatch", value);
    return button;
  });
  const eraser = h("button", {
    type: "button",
    class: "tool",
    "aria-pressed": "false",
    onclick: () => {
      erasing = true;
      pressed([...colourButtons, eraser], eraser);
    },
  }, words.eraser);
  const sizeButtons = Object.entries(SIZES).map(([name, value]) => {
    const button = h("button", {
      type: "button",
      class: "tool",
      "aria-pressed": String(name === "thin"),
      onclick: () => {
        size = value;
        pressed(sizeButtons, button);
      },
    }, words[name]);
    return button;
  });
  const undo = h("button", {
    type: "button",
    class: "tool",
    onclick: () => {
      const previous = history.pop();
      if (previous) {
        context.putImageData(previous, 0, 0);
        onChange(canvas.toDataURL("image/png"));
      }
    },
  }, words.undo);
  const clear = h("button", {
    type: "button",
    class: "tool",
    onclick: () => {
      history.push(context.getImageData(0, 0, WIDTH, HEIGHT));
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, WIDTH, HEIGHT);
      onChange(canvas.toDataURL("image/png"));
    },
  }, words.clear);

  return h("div", { class: "drawing" },
    h("div", { class: "drawing__tools", role: "toolbar", "aria-label": words.colours },
      ...colourButtons, eraser, ...sizeButtons, undo, clear),
    canvas);
}
