// One editor per kind of activity. Each calls save(value) with the value the
// kaketoe package accepts for that kind (docs/file-format.md); the caller
// stores it. No editor judges an answer.

import { drawing } from "./drawing.js";
import { h, svg } from "../shared/dom.js";
import { PROFILE_COLOURS } from "../shared/settings.js";
import { feelingKaketoe } from "./kaketoe-art.js";
import { sayWord } from "./speech.js";

const PHOTO_MAX_SIDE = 1280;

/** @typedef {import("../shared/types.js").AnswerValue} AnswerValue */

/** A labelled text field (`long`: several lines); `onInput(text)` on every key.
 * @param {string} label @param {string | null | undefined} value
 * @param {(text: string) => void} onInput @param {{long?: boolean}} [options]
 * @returns {HTMLElement} */
function textBox(label, value, onInput, { long = true } = {}) {
  const id = `field-${Math.random().toString(36).slice(2)}`;
  const field = long
    ? h("textarea", { id, rows: 5, maxlength: 5000 })
    : h("input", { id, type: "text", maxlength: 200, autocomplete: "off" });
  field.value = value || "";
  field.addEventListener("input", () => onInput(field.value));
  return h("div", { class: "field" }, h("label", { for: id }, label), field);
}

/** A photo made small enough to keep: at most PHOTO_MAX_SIDE pixels a side, as a JPEG data: URL.
 * @param {File} file @returns {Promise<string>} */
function photoToDataUrl(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error);
    reader.onload = () => {
      const picture = new Image();
      picture.onerror = () => reject(new Error("not an image"));
      picture.onload = () => {
        const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(picture.width, picture.height));
        const canvas = document.createElement("canvas");
        canvas.width = Math.round(picture.width * scale);
        canvas.height = Math.round(picture.height * scale);
        /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d")).drawImage(picture, 0, 0, canvas.width, canvas.height);
        resolve(canvas.toDataURL("image/jpeg", 0.85));
      };
      picture.src = String(reader.result);
    };
    reader.readAsDataURL(file);
  });
}

/** The editor of one activity, showing `answer` (or the child's draft, as an
 * answer). `save(value)` with the kind's value, or null when there is none.
 * @param {import("../shared/types.js").Activity} activity
 * @param {Partial<import("../shared/types.js").Answer> | null | undefined} answer
 * @param {{booklet: import("../shared/types.js").Booklet, words: import("../shared/types.js").Words,
 *   profile: import("../shared/types.js").Profile, art: {[id: string]: string},
 *   save: (value: AnswerValue | null) => void}} app
 * @returns {HTMLElement} */
export function editor(activity, answer, { booklet, words, profile, art, save }) {
  const value = answer && answer.state === "answered" ? answer.value : null;
  switch (activity.kind) {
    case "text":
      return textBox(words.write_here, value && value.text, (text) => save(text.trim() ? { text } : null));
    case "drawing":
      return drawing({ words, image: value && value.image, onChange: (image) => save({ image }) });
    case "photo": {
      let current = value ? { ...value } : null;
      const preview = h("img", { class: "photo__preview", alt: "", hidden: !(current && current.image) });
      if (current && current.image) preview.src = current.image;
      const input = h("input", { type: "file", accept: "image/jpeg,image/png", capture: "environment", class: "photo__input", id: `photo-${activity.id}` });
      input.addEventListener("change", async () => {
        const file = input.files && input.files[0];
        if (!file) return;
        const image = await photoToDataUrl(file);
        current = { image, caption: current ? current.caption : "" };
        preview.src = image;
        preview.hidden = false;
        save(current);
      });
      return h("div", { class: "photo" },
        h("label", { class: "button", for: `photo-${activity.id}` }, words.photo_choose), input, preview,
        textBox(words.photo_caption, current && current.caption, (caption) => {
          if (current) {
            current = { ...current, caption };
            save(current);
          }
        }, { long: false }));
    }
    case "feeling": {
      let chosen = value ? value.feeling : "";
      let wordsSaid = value ? value.words : "";
      const colour = PROFILE_COLOURS[profile.colour] || "#ffffff";
      const buttons = booklet.feelings.map((feeling) => h("button", {
        type: "button",
        class: "feeling",
        "aria-pressed": String(feeling.id === chosen),
        onclick: (event) => {
          sayWord(feeling.label);
          chosen = feeling.id;
          for (const button of buttons) button.setAttribute("aria-pressed", String(button === event.currentTarget));
          save({ feeling: chosen, words: wordsSaid });
        },
      }, svg(feelingKaketoe(feeling.id, colour)), h("span", {}, feeling.label)));
      return h("div", {},
        h("div", { class: "feelings", role: "group", "aria-label": activity.title }, ...buttons),
        textBox(words.feeling_words, wordsSaid, (text) => {
          wordsSaid = text;
          if (chosen) save({ feeling: chosen, words: wordsSaid });
        }, { long: false }));
    }
    case "choice": {
      const chosen = new Set(value ? value.chosen : []);
      const buttons = activity.options.map((option) => h("button", {
        type: "button",
        class: "choice",
        "aria-pressed": String(chosen.has(option.id)),
        onclick: () => {
          sayWord(option.label);
          if (chosen.has(option.id)) chosen.delete(option.id);
          else {
            if (!activity.multiple) chosen.clear();
            chosen.add(option.id);
          }
          for (const button of buttons) button.setAttribute("aria-pressed", String(chosen.has(button.dataset.option)));
          const ordered = activity.options.map((o) => o.id).filter((id) => chosen.has(id));
          save(ordered.length ? { chosen: ordered } : null);
        },
        dataset: { option: option.id },
      }, svg(art[option.picture] || ""), h("span", {}, option.label)));
      return h("div", { class: "choices", role: "group", "aria-label": activity.title }, ...buttons);
    }
    case "people": {
      /** @type {{name: string, who: string}[]} */
      const people = value ? value.people.map((/** @type {{name: string, who: string}} */ p) => ({ ...p })) : [{ name: "", who: "" }];
      const list = h("ol", { class: "people" });
      const store = () => {
        const named = people.filter((p) => p.name.trim());
        save(named.length ? { people: named } : null);
      };
      const draw = () => {
        list.replaceChildren(...people.map((person, index) => h("li", { class: "person" },
          textBox(`${words.people_name} ${index + 1}`, person.name, (text) => { person.name = text; store(); }, { long: false }),
          textBox(words.people_who, person.who, (text) => { person.who = text; store(); }, { long: false }),
          people.length > 1 ? h("button", { type: "button", class: "tool", onclick: () => { people.splice(index, 1); draw(); store(); } }, words.remove) : null)));
      };
      draw();
      const add = h("button", {
        type: "button",
        class: "button",
        onclick: () => {
          if (people.length < activity.max_people) {
            people.push({ name: "", who: "" });
            draw();
            // draw() has just made the new person's fields.
            /** @type {HTMLInputElement} */ (/** @type {Element} */ (list.lastElementChild).querySelector("input")).focus();
          }
        },
      }, words.people_add);
      return h("div", {}, list, add);
    }
    case "info": {
      let question = value ? value.question : "";
      let read = Boolean(value);
      const done = h("button", {
        type: "button",
        class: "button",
        "aria-pressed": String(read),
        onclick: () => {
          read = true;
          done.setAttribute("aria-pressed", "true");
          save({ read: true, question });
        },
      }, words.read_done);
      return h("div", { class: "info" },
        ...activity.paragraphs.map((paragraph) => h("p", {}, paragraph)),
        done,
        textBox(words.question, question, (text) => {
          question = text;
          if (read) save({ read: true, question });
        }));
    }
    default:
      return h("p", {}, activity.prompt);
  }
}
