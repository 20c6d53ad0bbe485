// The workbook app: the child's booklet on a tablet. It renders screens and
// stores answers; what an answer may be, the export file and the import live
// in Python (the kaketoe package, in a worker). Screens never wait for it.

import { editor } from "./activities.js";
import { forChild } from "../shared/child-forms.js";
import { cardScreens, cardsWorkbook, fileProfile, OLDER, usesCards } from "./cards.js";
import { fill, h, isolated, svg } from "../shared/dom.js";
import { safeName, shareOrDownload } from "../shared/download.js";
import { kaketoe } from "./kaketoe-art.js";
import { Python } from "../shared/python.js";
import { SPEAKER, speak, voice } from "./speech.js";
import { APP_ROOT, dataFile, earnsSticker, PROFILE_COLOURS, settings } from "../shared/settings.js";
import { cleanNickname, Store, uniqueNickname } from "../shared/store.js";

// A pause in typing saves; steady typing saves at least once a second, so a
// browser that is killed loses at most the last second.
const SAVE_DELAY_MS = 400;
const SAVE_AT_MOST_MS = 1000;
const SAVE_RETRY_MS = 3000;

/** @typedef {import("../shared/types.js").Profile} Profile */

/** What the app holds while it runs (cards.js shares it). `booklet` is `source`
 * with its texts in the form for the open profile (forChild), `words` its words.
 * @type {{source: import("../shared/types.js").Booklet | null, addressedAs: string | undefined,
 *   booklet: import("../shared/types.js").Booklet | null, words: import("../shared/types.js").Words,
 *   store: Store<Profile> | null, profiles: Profile[], profile: Profile | null, python: Python | null,
 *   saveTimer: ReturnType<typeof setTimeout> | null, firstUnsaved: number, dirty: boolean,
 *   checking: Promise<unknown> | null}} */
const state = {
  source: null,
  addressedAs: undefined,
  booklet: null,
  words: {},
  store: null,
  profiles: [],
  profile: null,
  python: null,
  saveTimer: null,
  firstUnsaved: 0,
  dirty: false,
  checking: null,
};

const screen = document.getElementById("screen");
// The screens of an older child (cards.js); the functions it uses are declared below.
const cards = cardScreens({ state, show, changed, saveNow, go, now, speechFor, exportReminder });
const notices = document.getElementById("notices");

function now() {
  return new Date().toISOString();
}

/** A message above the screen. A `passing` one is about the screen it appears
 * on: it goes when the child leaves that screen.
 * @param {string} text
 * @param {{action?: Node, kind?: string, id?: string, passing?: boolean}} [options] `id`: a notice with it replaces the one before */
function notice(text, { action, kind = "info", id, passing = false } = {}) {
  if (id) document.getElementById(id)?.remove();
  const element = h("div", { class: `notice notice--${kind}`, id, dataset: passing ? { passing: "new" } : undefined }, h("p", {}, text), action);
  notices.append(element);
  return element;
}

/** A new screen: passing notices seen on the screen before go. */
function leaveNotices() {
  for (const element of /** @type {NodeListOf<HTMLElement>} */ (notices.querySelectorAll("[data-passing]"))) {
    if (element.dataset.passing === "seen") element.remove();
    else element.dataset.passing = "seen";
  }
}

// Saving --------------------------------------------------------------------------

async function saveNow() {
  clearTimeout(state.saveTimer);
  // Nothing is written before the database has said what it holds.
  if (state.checking) await state.checking;
  if (!state.profile || !state.dirty) return;
  state.dirty = false;
  state.firstUnsaved = 0;
  const profile = state.profile;
  const kept = await state.store.save(profile);
  if (!kept) {
    // Nothing could keep it: tried again in a moment, and the child is told.
    if (state.profile === profile) {
      state.dirty = true;
      clearTimeout(state.saveTimer);
      state.saveTimer = setTimeout(saveNow, SAVE_RETRY_MS);
    }
    notice(state.words.storage_failed, {
      kind: "warning",
      id: "storage-warning",
      action: h("a", { class: "button", href: "#/export" }, state.words.export),
    });
  } else {
    tabs?.postMessage({ saved: profile.id });
    document.getElementById("storage-warning")?.remove();
    const saved = document.getElementById("saved");
    if (saved) saved.textContent = state.words.saved;
  }
}

function changed() {
  state.profile.updated = now();
  state.dirty = true;
  clearTimeout(state.saveTimer);
  if (!state.firstUnsaved) state.firstUnsaved = Date.now();
  const wait = Math.min(SAVE_DELAY_MS, state.firstUnsaved + SAVE_AT_MOST_MS - Date.now());
  state.saveTimer = setTimeout(saveNow, Math.max(0, wait));
}

// A tab put away, closed or frozen by the tablet saves at once.
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") saveNow();
});
document.addEventListener("freeze", () => saveNow());
addEventListener("pagehide", () => saveNow());

// Screens -------------------------------------------------------------------------

function show(...children) {
  // Optional parts of a screen (a read-aloud button without a voice) are null: leave them out.
  fill(screen, children);
  screen.focus({ preventScroll: true });
  scrollTo(0, 0);
}

/** The booklet's texts in the form the open profile asks for: a girl's, a boy's,
 * or (no profile, or nothing chosen) the neutral one. */
function textsForProfile() {
  const addressedAs = state.profile ? state.profile.addressedAs : undefined;
  if (state.booklet && addressedAs === state.addressedAs) return;
  state.addressedAs = addressedAs;
  state.booklet = forChild(state.source, addressedAs);
  state.words = state.booklet.words;
}

function art(id) {
  return state.booklet.art[id] || "";
}

function answersOf(profile) {
  return profile.answers || {};
}

function profilesScreen() {
  const words = state.words;
  const list = h("ul", { class: "profiles" }, ...state.profiles.map((profile) => h("li", {},
    h("button", {
      type: "button",
      class: "profile",
      onclick: () => openProfile(profile.id),
    }, svg(kaketoe(3, PROFILE_COLOURS[profile.colour])), h("span", { dir: "auto" }, profile.nickname)),
    h("a", { class: "tool", href: `#/change/${profile.id}` }, h("span", {}, `${words.change_profile}: `, isolated(profile.nickname))),
    h("button", { type: "button", class: "tool", onclick: () => deleteScreen(profile) }, h("span", {}, `${words.delete_profile}: `, isolated(profile.nickname))))));
  const { nickname, colours, ages, addresses, input, picked } = profileFields({ nickname: "", colour: "green", age: "6-9" });
  const form = h("form", {
    class: "new-profile",
    onsubmit: async (event) => {
      event.preventDefault();
      const { name, colour, age, addressedAs } = picked();
      if (!name) return input.focus();
      /** @type {Profile} */
      const profile = {
        id: crypto.randomUUID(),
        nickname: name,
        colour,
        language: settings.language,
        age,
        ...(addressedAs ? { addressedAs } : {}),
        created: now(),
        updated: now(),
        answers: {},
        stickers: [],
        guests: [],
        lastExport: null,
      };
      if (age === OLDER) Object.assign(profile, { cards: {}, plan: [] });
      state.profiles.push(profile);
      state.profile = profile;
      state.dirty = true;
      await saveNow();
      openProfile(profile.id);
    },
  },
  h("h2", {}, words.new_profile), nickname, colours, ages, addresses,
  h("button", { type: "submit", class: "button button--primary" }, words.start));
  show(h("h1", {}, words.profiles_title), h("p", {}, words.profiles_intro), list, form,
    h("p", {}, h("a", { href: "#/import", class: "button" }, words.import)));
}

/** The name, colour, age group and (in a language whose texts have forms for a
 * girl and a boy) how the child is addressed, as fields: the same for a new
 * profile and for changing one. picked() gives the name as the app keeps it,
 * and addressedAs "girl", "boy" or "" (not chosen: the neutral form). */
function profileFields(initial) {
  const words = state.words;
  let addressedAs = initial.addressedAs || "";
  const input = h("input", { id: "nickname", type: "text", maxlength: 40, autocomplete: "off", required: true, dir: "auto" });
  input.value = initial.nickname;
  let colour = initial.colour;
  let age = initial.age;
  const pressed = (buttons, button) => {
    for (const other of buttons) other.setAttribute("aria-pressed", String(other === button));
  };
  const colourButtons = Object.entries(PROFILE_COLOURS).map(([name, value]) => h("button", {
    type: "button",
    class: "colour",
    "aria-pressed": String(name === colour),
    "aria-label": `${words.colour}: ${name}`,
    onclick: (event) => {
      colour = name;
      pressed(colourButtons, event.currentTarget);
    },
  }, svg(kaketoe(2, value))));
  // A child of 10 to 13 works with the conversation cards instead of the story.
  const deckWords = state.booklet.deck ? state.booklet.deck.words : null;
  const ageButtons = deckWords ? [["6-9", deckWords.age_younger], [OLDER, deckWords.age_older]].map(([value, label]) => h("button", {
    type: "button",
    class: "button age",
    "aria-pressed": String(value === age),
    dataset: { age: value },
    onclick: (event) => {
      age = value;
      pressed(ageButtons, event.currentTarget);
      initial.onAge?.(age);
    },
  }, label)) : [];
  // Asked only where the booklet's language speaks to a girl and a boy in other words (kaketoe._booklet.ADDRESS_WORDS).
  const asking = state.booklet.address || {};
  const addressButtons = asking.question ? [["girl", asking.girl], ["boy", asking.boy], ["", asking.neutral]].map(([value, label]) => h("button", {
    type: "button",
    class: "button",
    "aria-pressed": String(value === addressedAs),
    dataset: { address: value || "neutral" },
    onclick: (event) => {
      addressedAs = value;
      pressed(addressButtons, event.currentTarget);
    },
  }, label)) : [];
  return {
    nickname: h("div", { class: "field" }, h("label", { for: "nickname" }, words.nickname), h("p", { class: "hint" }, words.nickname_hint), input),
    colours: h("fieldset", { class: "colours" }, h("legend", {}, words.colour), ...colourButtons),
    ages: deckWords ? h("fieldset", { class: "ages" }, h("legend", {}, deckWords.age_group), ...ageButtons) : null,
    // The hint (an example of each form) stands under the buttons, which keep their row.
    addresses: asking.question ? h("div", { class: "addresses" },
      h("fieldset", { class: "ages", "aria-describedby": "address-hint" }, h("legend", {}, asking.question), ...addressButtons),
      h("p", { class: "hint", id: "address-hint" }, asking.hint)) : null,
    input,
    picked: () => ({ name: cleanNickname(input.value), colour, age, addressedAs }),
  };
}

/** Changing a profile's name, colour or age group, with the checks of a new
 * profile. A new age group loses nothing: the booklet's answers and the cards
 * both stay in the profile; the screens and the files show what belongs to the
 * age group chosen, and the rest comes back when the child chooses again. */
function changeScreen(id) {
  const words = state.words;
  const profile = state.profiles.find((p) => p.id === id);
  if (!profile) return profilesScreen();
  const back = state.profile && state.profile.id === profile.id ? "#/home" : "#/";
  const age = usesCards(profile) ? OLDER : "6-9";
  const note = h("p", { class: "notice", id: "age-note", hidden: true }, words.age_change_note);
  const fields = profileFields({ nickname: profile.nickname, colour: profile.colour, age, addressedAs: profile.addressedAs, onAge: (chosen) => { note.hidden = chosen === age; } });
  show(
    h("p", {}, h("a", { href: back, class: "tool" }, words.back)),
    h("h1", {}, `${words.change_title}: `, isolated(profile.nickname)),
    h("form", {
      class: "new-profile",
      onsubmit: async (event) => {
        event.preventDefault();
        const { name, colour, age: chosen, addressedAs } = fields.picked();
        if (!name) return fields.input.focus();
        Object.assign(profile, { nickname: name, colour, age: chosen, addressedAs, named: now(), updated: now() });
        if (profile === state.profile) {
          state.dirty = true;
          await saveNow();
        } else if (await state.store.save(profile)) {
          tabs?.postMessage({ saved: profile.id });
        } else {
          notice(words.storage_failed, { kind: "warning", id: "storage-warning" });
        }
        go(back);
      },
    }, fields.nickname, fields.colours, fields.ages, fields.addresses, note,
    h("div", { class: "choices-row" },
      h("button", { type: "submit", class: "button button--primary" }, words.change_save),
      h("a", { href: back, class: "button" }, words.cancel))));
}

function deleteScreen(profile) {
  const words = state.words;
  const input = h("input", { id: "confirm", type: "text", autocomplete: "off" });
  const message = h("p", { role: "alert" });
  show(h("h1", {}, `${words.delete_profile}: `, isolated(profile.nickname)),
    h("form", {
      onsubmit: async (event) => {
        event.preventDefault();
        if (input.value.trim() !== profile.nickname) {
          message.textContent = words.delete_gate;
          return input.focus();
        }
        await state.store.remove(profile.id);
        tabs?.postMessage({ removed: profile.id });
        state.profiles = state.profiles.filter((p) => p.id !== profile.id);
        if (state.profile && state.profile.id === profile.id) state.profile = null;
        go("#/");
      },
    },
    h("div", { class: "field" }, h("label", { for: "confirm" }, words.delete_gate), input), message,
    h("button", { type: "submit", class: "button" }, words.delete_confirm),
    h("a", { href: "#/", class: "button" }, words.cancel)));
}

function stationButton(activity) {
  const answer = answersOf(state.profile)[activity.id];
  const placed = (state.profile.stickers || []).find((s) => s.station === activity.id);
  const sticker = placed ? state.booklet.stickers.find((s) => s.id === placed.sticker) : null;
  return h("li", { class: `station${answer ? " station--visited" : ""}` },
    h("a", { href: `#/activity/${activity.id}`, class: "station__link", dataset: { station: activity.id } },
      sticker ? svg(art(sticker.id), sticker.label) : h("span", { class: "station__dot", "aria-hidden": "true" }),
      h("span", { class: "station__title" }, activity.title)));
}

function homeScreen() {
  const { booklet, words, profile } = state;
  show(
    h("div", { class: "home__top" },
      svg(kaketoe(3, PROFILE_COLOURS[profile.colour])),
      h("h1", {}, `${words.home}: `, isolated(profile.nickname)),
      h("a", { href: "#/", class: "tool" }, words.back)),
    h("p", {}, words.road_intro),
    h("ol", { class: "road" }, ...booklet.parts.map((part) => h("li", { class: `stretch stretch--${part.colour}` },
      h("h2", {}, h("a", { href: `#/part/${part.id}` }, `${part.name}: ${part.title}`)),
      h("ol", { class: "stations" }, ...part.activities.map((activity) => stationButton(activity)))))),
    h("p", { class: "home__more" },
      h("a", { href: "#/goodbye", class: "button" }, words.goodbye),
      h("a", { href: "#/export", class: "button" }, words.export),
      h("a", { href: `#/change/${profile.id}`, class: "button" }, words.change_profile)),
    exportReminder());
}

/** How long ago the booklet was last saved to a file, in the language's plural form. */
function exportReminder() {
  const { profile, booklet, words } = state;
  if (!Object.keys(profile.answers || {}).length && !Object.keys(profile.cards || {}).length) return null;
  if (!profile.lastExport) return h("p", { class: "reminder" }, words.last_export_never);
  const days = Math.floor((Date.now() - Date.parse(profile.lastExport)) / 86_400_000);
  const forms = booklet.plurals.last_export_days;
  const form = forms[new Intl.PluralRules(document.documentElement.lang).select(days)] || forms.other;
  return h("p", { class: "reminder" }, form.replace("{n}", String(days)));
}

/** A read-aloud button, with a voice of the device for the page's language
 * (speech.js). Browsers often list their voices a moment after the page opens:
 * the button appears then. Without such a voice there is no button; the text stays. */
function speechFor(text) {
  if (!("speechSynthesis" in window)) return null;
  const slot = h("span", { class: "read-aloud-slot" });
  let shown = false;
  const offer = () => {
    if (slot.isConnected) shown = true;
    else if (shown) { // the screen is gone
      speechSynthesis.removeEventListener("voiceschanged", offer);
      return;
    }
    if (slot.firstChild) return;
    const chosen = voice();
    if (!chosen) return;
    const label = h("span", {}, state.words.read_aloud);
    const button = h("button", { type: "button", class: "button read-aloud" }, svg(SPEAKER), label);
    const stopped = () => { label.textContent = state.words.read_aloud; };
    button.addEventListener("click", () => {
      if (speechSynthesis.speaking) {
        speechSynthesis.cancel();
        stopped();
        return;
      }
      speak(chosen, text, stopped);
      label.textContent = state.words.stop_reading;
    });
    slot.append(button);
  };
  offer();
  speechSynthesis.addEventListener("voiceschanged", offer);
  return slot;
}

function partScreen(partId) {
  const { booklet, words } = state;
  const part = booklet.parts.find((p) => p.id === partId);
  if (!part) return homeScreen();
  const story = part.story.paragraphs.join(" ");
  show(
    h("p", {}, h("a", { href: "#/home", class: "tool" }, words.back)),
    h("h1", { class: `part-title part-title--${part.colour}` }, `${part.name}: ${part.title}`),
    h("section", { class: "story", "aria-labelledby": "story-title" },
      h("h2", { id: "story-title" }, `${words.story}: ${part.story.title}`),
      speechFor(`${part.story.title}. ${story}`),
      ...part.story.paragraphs.map((paragraph) => h("p", {}, paragraph))),
    h("h2", {}, words.activities),
    h("ol", { class: "stations stations--list" }, ...part.activities.map((activity) => stationButton(activity))));
}

function setAnswer(activity, patch) {
  const answers = answersOf(state.profile);
  const before = answers[activity.id] || { activity: activity.id, share: false };
  const next = { ...before, ...patch, activity: activity.id, updated: now() };
  if (next.state !== "answered" && next.value) {
    // Skipped or kept for a talk: the file holds no value then, but what the
    // child made stays on the device, and comes back if they return to it.
    state.profile.drafts = { ...(state.profile.drafts || {}), [activity.id]: next.value };
    delete next.value;
  }
  answers[activity.id] = next;
  state.profile.answers = answers;
  changed();
  return next;
}

function activityScreen(activityId) {
  const { booklet, words } = state;
  const activity = booklet.parts.flatMap((p) => p.activities).find((a) => a.id === activityId);
  if (!activity) return homeScreen();
  const part = booklet.parts.find((p) => p.activities.includes(activity));
  const stored = answersOf(state.profile)[activity.id];
  const draft = (state.profile.drafts || {})[activity.id];
  const answer = stored && stored.state === "answered" ? stored : draft ? { state: "answered", value: draft } : stored;
  const share = h("input", { type: "checkbox", id: "share", checked: Boolean(answer && answer.share) });
  share.checked = Boolean(stored && stored.share);
  share.addEventListener("change", () => {
    const current = answersOf(state.profile)[activity.id];
    if (current) setAnswer(activity, { share: share.checked });
  });
  const status = h("p", { id: "saved", class: "saved", role: "status" });
  // Kept for a talk: what the child makes on this visit stays a draft on the
  // device (never in a file). Done turns it into the answer only when the child
  // changed something here; done without a change keeps the talk.
  const talking = Boolean(stored && stored.state === "talk");
  let made = null;
  const content = editor(activity, answer, {
    booklet,
    words,
    profile: state.profile,
    art: booklet.art,
    save: (value) => {
      if (talking) {
        made = value;
        const drafts = { ...(state.profile.drafts || {}) };
        if (value) drafts[activity.id] = value;
        else delete drafts[activity.id];
        state.profile.drafts = drafts;
        changed();
        return;
      }
      if (value) {
        setAnswer(activity, { state: "answered", value, share: share.checked });
        if (state.profile.drafts) delete state.profile.drafts[activity.id];
      }
      else {
        const answers = answersOf(state.profile);
        if (answers[activity.id] && answers[activity.id].state === "answered") {
          delete answers[activity.id];
          changed();
        }
      }
    },
  });
  const leave = (patch) => {
    const chosen = patch || (talking && made ? { state: "answered", value: made } : null);
    if (chosen) setAnswer(activity, { ...chosen, share: share.checked });
    if (chosen && chosen.state === "answered" && state.profile.drafts) delete state.profile.drafts[activity.id];
    const now = answersOf(state.profile)[activity.id];
    const placed = (state.profile.stickers || []).some((s) => s.station === activity.id);
    saveNow();
    go(earnsSticker(now) && !placed ? `#/sticker/${activity.id}` : `#/part/${part.id}`);
  };
  show(
    h("p", {}, h("a", { href: `#/part/${part.id}`, class: "tool" }, words.back)),
    h("h1", { class: `activity-title part-title--${part.colour}` }, activity.title),
    h("p", { class: "prompt" }, activity.prompt),
    // An information page is read whole: its spoken introduction, then every paragraph.
    speechFor(activity.kind === "info" ? [activity.read_aloud, ...activity.paragraphs].join(" ") : activity.read_aloud),
    activity.adult_hint ? h("details", { class: "adult-hint" }, h("summary", {}, words.for_adults), h("p", {}, activity.adult_hint)) : null,
    talking ? h("p", { class: "notice", id: "talk-chosen" }, words.talk_chosen) : null,
    content,
    h("div", { class: "share" }, share, h("label", { for: "share" }, words.show_counselor)),
    status,
    h("div", { class: "choices-row" },
      h("button", { type: "button", class: "button button--primary", onclick: () => leave(null) }, words.done),
      h("button", { type: "button", class: "button", "aria-describedby": "talk-note", onclick: () => leave({ state: "talk" }) }, words.talk),
      h("button", { type: "button", class: "button", onclick: () => leave({ state: "skipped" }) }, words.skip)),
    h("p", { class: "hint", id: "talk-note" }, words.talk_note));
}

function stickerScreen(activityId) {
  const { booklet, words } = state;
  const activity = booklet.parts.flatMap((p) => p.activities).find((a) => a.id === activityId);
  const part = booklet.parts.find((p) => p.activities.includes(activity));
  show(
    h("h1", {}, words.choose_sticker),
    h("ul", { class: "stickers" }, ...booklet.stickers.map((sticker) => h("li", {},
      h("button", {
        type: "button",
        class: "sticker",
        onclick: () => {
          // The same list, changed in place (another tab's stickers are merged into it).
          const stickers = (state.profile.stickers ||= []);
          stickers.splice(0, stickers.length, ...stickers.filter((s) => s.station !== activity.id));
          stickers.push({ sticker: sticker.id, station: activity.id, updated: now() });
          changed();
          saveNow();
          notice(words.sticker_placed, { id: "sticker-notice", passing: true });
          go(`#/part/${part.id}`);
        },
      }, svg(art(sticker.id)), h("span", {}, sticker.label))))),
    h("p", {}, h("a", { href: `#/part/${part.id}`, class: "tool" }, words.back)));
}

// Export and import --------------------------------------------------------------

function workbookData(profile) {
  if (usesCards(profile)) return cardsWorkbook(profile);
  return {
    material: "booklet",
    profile: fileProfile(profile),
    answers: Object.values(profile.answers || {}),
    // A sticker's time is for merging two tabs' work (store.js); the file has none.
    stickers: (profile.stickers || []).map(({ sticker, station }) => ({ sticker, station })),
    guests: profile.guests || [],
  };
}

async function deliver(html, name) {
  const file = new File([html], name, { type: "text/html" });
  performance.mark("kaketoe:export-file");
  await shareOrDownload(file);
}

function fileName(profile, variant) {
  return `kaketoe-${safeName(profile.nickname, "kaketoe")}-${now().slice(0, 10)}-${variant}.html`;
}

function exportScreen() {
  const { booklet, words, profile } = state;
  // The counselor's copy holds what the child shows and every talk choice (kaketoe._export.for_counselor).
  const shown = Object.values(profile.answers || {}).filter((a) => a.share || a.state === "talk");
  const titles = new Map(booklet.parts.flatMap((p) => p.activities).map((a) => [a.id, a.title]));
  const status = h("p", { role: "status", class: "saved" });
  const request = (variant) => state.python.call({
    type: "export",
    workbook: workbookData(profile),
    variant,
    language: settings.language,
    created: profile.created,
    updated: profile.updated,
  });
  // Both files are made while the child looks at this screen, so a tap hands
  // one over at once. A file made before a change is never handed over.
  const prepared = {};
  for (const variant of ["family", "counselor"]) {
    prepared[variant] = { updated: profile.updated, file: request(variant) };
    prepared[variant].file.catch(() => {}); // a failure is shown when the child taps
  }
  const make = (variant) => async () => {
    performance.mark("kaketoe:export-start");
    await saveNow();
    status.textContent = words.python_loading;
    const ready = prepared[variant];
    delete prepared[variant];
    try {
      const html = await (ready && ready.updated === profile.updated ? ready.file : request(variant));
      await deliver(html, fileName(profile, variant));
      // When the file was made is not a change to the booklet: the other copy stays good.
      profile.lastExport = now();
      state.dirty = true;
      saveNow();
      status.textContent = words.export_ready;
    } catch {
      status.replaceChildren(words.python_failed, " ", h("button", { type: "button", class: "button", onclick: make(variant) }, words.retry));
    }
  };
  show(
    h("p", {}, h("a", { href: "#/home", class: "tool" }, words.back)),
    h("h1", {}, words.export),
    h("p", {}, words.export_intro),
    h("button", { type: "button", class: "button button--primary", onclick: make("family") }, words.export_family),
    h("h2", {}, words.export_counselor_shows),
    shownList(shown, titles),
    h("button", { type: "button", class: "button", onclick: make("counselor") }, words.export_counselor),
    status);
}

/** What the counselor's copy will show, as links the child can follow to change
 * it: what the child shows, what they would rather talk about (its title only),
 * and the goodbye pages they show (never with contact details). */
function shownList(shown, titles) {
  const { words, profile } = state;
  const items = usesCards(profile)
    ? cards.shownToCounselor()
    : shown.map((a) => h("li", {}, h("a", { href: `#/activity/${a.activity}` }, titles.get(a.activity)),
      a.state === "talk" ? `: ${words.talk}` : null));
  const pages = (profile.guests || []).filter((guest) => guest.share)
    .map((guest) => h("li", {}, h("a", { href: "#/goodbye" }, `${words.goodbye}: `, h("bdi", {}, guest.name))));
  const all = [...items, ...pages];
  return all.length ? h("ul", { id: "counselor-sees" }, ...all) : h("p", {}, words.export_nothing_shown);
}

function importScreen() {
  const words = state.words;
  const input = h("input", { type: "file", id: "import-file", accept: ".html,text/html" });
  const result = h("div", { role: "status" });
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    result.textContent = words.python_loading;
    try {
      const imported = await state.python.call({ type: "import", bytes: await file.arrayBuffer() });
      const nickname = cleanNickname(imported.workbook.profile.nickname);
      const exists = state.profiles.some((p) => p.nickname === nickname);
      const older = imported.workbook.material === "cards";
      const count = older ? imported.workbook.cards.length : imported.workbook.answers.length;
      fill(result,
        h("p", {}, `${words.import_preview}: `, isolated(nickname), ` (${count})`),
        exists ? h("p", {}, words.import_exists) : null,
        h("button", {
          type: "button",
          class: "button button--primary",
          onclick: async () => {
            const answers = Object.fromEntries((imported.workbook.answers || []).map((a) => [a.activity, a]));
            /** @type {Profile} */
            const profile = {
              id: crypto.randomUUID(),
              // A name no other profile has, within the 40 characters a file allows.
              nickname: uniqueNickname(nickname, state.profiles.map((p) => p.nickname)),
              colour: imported.workbook.profile.colour,
              ...(imported.workbook.profile.addressed_as ? { addressedAs: imported.workbook.profile.addressed_as } : {}),
              language: imported.language,
              created: imported.created,
              updated: now(),
              age: older ? OLDER : "6-9",
              answers,
              stickers: imported.workbook.stickers || [],
              guests: imported.workbook.guests,
              lastExport: null,
            };
            if (older) {
              profile.cards = Object.fromEntries(imported.workbook.cards.map((c) => [c.card, c]));
              profile.plan = imported.workbook.plan;
            }
            state.profiles.push(profile);
            state.profile = profile;
            state.dirty = true;
            await saveNow();
            openProfile(profile.id);
          },
        }, words.import_apply));
    } catch (error) {
      const code = error && error.problem;
      // A file's problem in its own words; Python that hung or stopped is not the file's fault.
      result.textContent = code ? state.booklet.messages[code] : words.import_failed;
    }
  });
  show(
    h("p", {}, h("a", { href: "#/", class: "tool" }, words.back)),
    h("h1", {}, words.import), h("p", {}, words.import_intro),
    h("div", { class: "field" }, h("label", { for: "import-file", class: "button" }, words.import), input),
    result);
}

/** The goodbye pages friends and teachers write. Every key typed goes into the
 * profile as a draft of its page (profile.goodbyeDrafts: by page id, "" for a
 * new page), so a reload brings the text back; drafts never go into a file.
 * "Bewaar het blad" makes the draft the page. The pages belong to the child,
 * who chooses per page whether the counselor may see it (off unless chosen).
 * A page can be changed or, after a question, removed. Opened without a page
 * (`editing` undefined: a reload, a link), the page written last comes back.
 * @param {{editing?: string | null, removing?: string | null}} [opened] the page being changed or removed, by id */
function goodbyeScreen({ editing, removing = null } = {}) {
  const { booklet, words, profile } = state;
  const goodbye = booklet.goodbye;
  const guests = profile.guests || [];
  const drafts = profile.goodbyeDrafts || {};
  if (editing === undefined) {
    const newest = Object.entries(drafts).sort(([, a], [, b]) => (a.updated < b.updated ? 1 : -1))[0];
    editing = newest && guests.some((guest) => guest.id === newest[0]) ? newest[0] : null;
  }
  const current = guests.find((guest) => guest.id === editing) || null;
  const key = current ? current.id : "";
  const source = drafts[key] || current;
  const roles = new Map(goodbye.roles.map((r) => [r.id, r.label]));
  const values = Object.fromEntries(goodbye.fields.map((field) => [field.id, (source && source[field.id]) || ""]));
  const role = h("select", { id: "guest-role" }, ...goodbye.roles.map((r) => h("option", { value: r.id }, r.label)));
  if (source && source.role) role.value = source.role;
  const keepDraft = () => {
    const next = { ...(profile.goodbyeDrafts || {}) };
    if (Object.values(values).some((value) => value.trim())) next[key] = { role: role.value, ...values, updated: now() };
    else delete next[key];
    profile.goodbyeDrafts = next;
    changed();
  };
  const inputs = goodbye.fields.map((field) => {
    const id = `guest-${field.id}`;
    const input = field.id === "name" ? h("input", { id, type: "text", maxlength: 200, dir: "auto" }) : h("textarea", { id, rows: 3, maxlength: 400, dir: "auto" });
    input.value = values[field.id];
    input.addEventListener("input", () => {
      values[field.id] = input.value;
      keepDraft();
    });
    return h("div", { class: "field" }, h("label", { for: id }, field.label), h("p", { class: "hint" }, field.prompt), input);
  });
  role.addEventListener("change", keepDraft);
  /** Stores the pages, forgets the draft of `done` (a page id, or "" for a new page). */
  const keep = (list, done) => {
    profile.guests = list;
    const next = { ...(profile.goodbyeDrafts || {}) };
    delete next[done];
    profile.goodbyeDrafts = next;
    changed();
    saveNow();
    goodbyeScreen({ editing: null });
  };
  const entry = (guest, index) => {
    const nameId = `guest-${index + 1}-name`;
    const name = h("span", { class: "guest__name", id: nameId }, h("bdi", {}, guest.name), h("span", { class: "hint" }, ` · ${roles.get(guest.role) || ""}`));
    if (guest.id === removing) {
      return h("li", { class: "guest" }, name, h("div", { class: "question" },
        h("p", {}, words.guest_remove_question),
        h("div", { class: "choices-row" },
          h("button", { type: "button", class: "button", onclick: () => keep(guests.filter((g) => g.id !== guest.id), guest.id) }, words.remove),
          h("button", { type: "button", class: "button button--primary", id: "keep-guest", onclick: () => goodbyeScreen({ editing: null }) }, words.cancel))));
    }
    // The child's choice, per page: the counselor's copy holds only the pages chosen here.
    const shareId = `guest-${index + 1}-share`;
    const shared = h("input", { type: "checkbox", id: shareId, checked: Boolean(guest.share), "aria-describedby": nameId });
    shared.addEventListener("change", () => {
      guest.share = shared.checked;
      guest.updated = now();
      changed();
      saveNow();
    });
    return h("li", { class: "guest" }, name,
      h("div", { class: "share" }, shared, h("label", { for: shareId }, words.show_counselor)),
      h("div", { class: "choices-row" },
        h("button", { type: "button", class: "tool", "aria-label": `${words.guest_edit}: ${guest.name}`, onclick: () => goodbyeScreen({ editing: guest.id }) }, words.guest_edit),
        h("button", { type: "button", class: "tool", "aria-label": `${words.remove}: ${guest.name}`, onclick: () => goodbyeScreen({ editing: null, removing: guest.id }) }, words.remove)));
  };
  show(
    h("p", {}, h("a", { href: "#/home", class: "tool" }, words.back)),
    h("h1", {}, goodbye.title), h("p", {}, goodbye.intro), speechFor(goodbye.read_aloud),
    guests.length ? h("p", { class: "hint", id: "guest-share-hint" }, words.guest_share_hint) : null,
    guests.length ? h("ul", { class: "guests" }, ...guests.map(entry)) : null,
    h("form", {
      onsubmit: (event) => {
        event.preventDefault();
        if (!values.name.trim()) return document.getElementById("guest-name").focus();
        const page = { id: current ? current.id : crypto.randomUUID(), role: role.value, ...values, share: Boolean(current && current.share), updated: now() };
        keep(current ? guests.map((g) => (g.id === current.id ? page : g)) : [...guests, page], key);
      },
    }, h("h2", {}, current ? words.guest_change : words.guest_add),
    h("div", { class: "field" }, h("label", { for: "guest-role" }, words.people_who), role), ...inputs,
    h("div", { class: "choices-row" },
      h("button", { type: "submit", class: "button button--primary" }, words.guest_save),
      current ? h("button", { type: "button", class: "button", onclick: () => keep(guests, key) }, words.cancel) : null)));
  if (current) document.getElementById("guest-name").focus();
  if (removing) document.getElementById("keep-guest")?.focus();
}

// Routing -------------------------------------------------------------------------

/** Shows a screen by its address; also when the address is already the current one. */
function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

const CURRENT = "kaketoe:current-profile";

function openProfile(id) {
  state.profile = state.profiles.find((p) => p.id === id) || null;
  // Another tab may have worked on this child since this tab read the profile.
  if (state.profile && !state.checking) state.store.refresh(state.profile).catch(() => {});
  // A reload of this tab stays with this child; another tab or a restart asks again.
  try {
    sessionStorage.setItem(CURRENT, id);
  } catch {
    // Without session storage the child simply chooses again after a reload.
  }
  go("#/home");
}

function currentProfile() {
  try {
    const id = sessionStorage.getItem(CURRENT);
    return state.profiles.find((p) => p.id === id) || null;
  } catch {
    return null;
  }
}

/** Draws the screen of the address. A screen that fails says so calmly and
 * offers a way back; saving goes on as before. */
function route() {
  leaveNotices();
  textsForProfile();
  // Reading aloud stops when the child goes to another screen.
  if ("speechSynthesis" in window && speechSynthesis.speaking) speechSynthesis.cancel();
  try {
    draw();
  } catch (error) {
    console.warn("screen failed", error);
    const target = state.profile && location.hash !== "#/home" ? "#/home" : "#/";
    show(h("h1", {}, state.words.screen_failed),
      h("p", {}, h("button", { type: "button", class: "button button--primary", onclick: () => go(target) }, state.words.to_start)));
  }
}

function draw() {
  const [, name, argument] = location.hash.split("/");
  if (name === "import") return importScreen();
  if (name === "change") return changeScreen(argument);
  if (!state.profile) return profilesScreen();
  if (usesCards(state.profile)) {
    if (name === "home") return cards.home();
    if (name === "part") return cards.part(argument);
    if (name === "card") return cards.card(argument);
    if (name === "plan") return cards.plan();
    if (name === "info") return cards.info();
    if (name === "activity" || name === "sticker") return cards.home();
  }
  if (name === "home") return homeScreen();
  if (name === "part") return partScreen(argument);
  if (name === "activity") return activityScreen(argument);
  if (name === "sticker") return stickerScreen(argument);
  if (name === "export") return exportScreen();
  if (name === "goodbye") return goodbyeScreen();
  return profilesScreen();
}

/** On an iPad or iPhone, in the browser rather than installed: Safari may delete
 * what a site stores after 7 days, and the installed app does not see it. */
function needsInstallFirst() {
  const apple = /iPad|iPhone|iPod/.test(navigator.userAgent) || (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  const installed = matchMedia("(display-mode: standalone)").matches || /** @type {Navigator & {standalone?: boolean}} Safari's own */ (navigator).standalone === true;
  return apple && !installed && state.profiles.length === 0;
}

/** A new version is announced; it is applied when someone chooses to, after saving. */
async function watchForUpdates() {
  let registration;
  try {
    registration = await navigator.serviceWorker.register(new URL("sw.js", APP_ROOT), { scope: APP_ROOT.pathname });
  } catch {
    return;
  }
  const announce = (worker) => {
    notice(state.words.new_version, {
      id: "update-notice",
      action: h("button", {
        type: "button",
        class: "button",
        onclick: async () => {
          await saveNow();
          worker.postMessage("skip-waiting");
        },
      }, state.words.update_now),
    });
  };
  if (registration.waiting && navigator.serviceWorker.controller) announce(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    if (!worker) return;
    worker.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) announce(worker);
    });
  });
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloading || !document.getElementById("update-notice")) return;
    reloading = true;
    location.reload();
  });
}

function firstScreen() {
  route();
  // Marks for the benchmark (make bench) and for anyone profiling the app.
  performance.mark("kaketoe:first-screen");
}

/** The database has answered: the screen's profile keeps what the child did
 * since it was drawn, and takes in what the database held besides (a copy can
 * fall behind when it could not be written). */
function settle(drawn) {
  const stored = state.profiles.find((profile) => profile.id === drawn.id);
  const shown = state.profile;
  const took = stored ? state.store.combine(shown, stored) : false;
  state.profiles = state.profiles.map((profile) => (profile.id === drawn.id ? shown : profile));
  if (!stored) state.profiles.push(shown);
  // Both stores get what the two held together.
  state.dirty = true;
  if (took) redraw();
}

/** Draws the screen again with what another tab saved, unless the child is typing here. */
function redraw() {
  const typing = document.activeElement && screen.contains(document.activeElement)
    && document.activeElement.matches("input, textarea, select");
  if (!typing) route();
}

// Two tabs on the same child: each save is told to the other tabs, which take
// it in at once (and every save takes in what another tab stored: store.js).
const tabs = "BroadcastChannel" in window ? new BroadcastChannel("kaketoe-profiles") : null;

function listenToOtherTabs() {
  if (!tabs) return;
  tabs.addEventListener("message", (event) => {
    const { saved, removed } = event.data || {};
    if (removed) {
      state.profiles = state.profiles.filter((profile) => profile.id !== removed);
      if (state.profile && state.profile.id === removed) {
        state.profile = null;
        state.dirty = false;
        go("#/");
      } else if (!state.profile) route();
      return;
    }
    if (state.checking) return;
    const profile = state.profiles.find((p) => p.id === saved);
    if (profile) state.store.refresh(profile).catch(() => {});
    else if (saved) {
      // A new profile from another tab: it shows in the list.
      state.store.profiles().then((profiles) => {
        for (const found of profiles) if (!state.profiles.some((p) => p.id === found.id)) state.profiles.push(found);
        if (!state.profile) redraw();
      }).catch(() => {});
    }
  });
}

async function main() {
  // Python is there before any screen (it starts later, in the background): a
  // screen that needs it, drawn first after a reload, finds it.
  state.python = new Python();
  // The booklet and the child's answers are read at the same time.
  const booklet = fetch(dataFile("booklets")).then((response) => response.json());
  state.store = new Store();
  state.store.taken = (profile) => {
    if (profile === state.profile) redraw();
  };
  const opened = state.store.open();
  /** @type {(value?: unknown) => void} */
  let settled;
  state.checking = new Promise((resolve) => { settled = resolve; });
  try {
    state.source = await booklet;
    textsForProfile();
    addEventListener("hashchange", () => { saveNow(); route(); });
    // A child who comes back in this tab sees their screen at once, from the
    // copy; the database, which may hold a newer version, is asked meanwhile.
    state.profiles = state.store.copiedProfiles();
    state.profile = currentProfile();
    const drawn = state.profile && { id: state.profile.id };
    if (drawn) firstScreen();
    await opened;
    state.profiles = await state.store.profiles();
    if (drawn) settle(drawn);
    else {
      state.profile = currentProfile();
      firstScreen();
    }
  } catch (error) {
    // The stores could not be read in full: the child works on with what is
    // there, and every save still goes to both.
    console.warn("reading the profiles failed", error);
    if (state.booklet) route();
  } finally {
    // Saving is never left switched off, whatever happened above.
    state.checking = null;
    settled();
  }
  listenToOtherTabs();
  if (state.dirty) saveNow();
  // Python starts when the first screen is up; nothing waits for it.
  const begin = () => {
    performance.mark("kaketoe:python-start");
    state.python.start()
      .then(() => performance.mark("kaketoe:python-ready"))
      .catch(() => {});
  };
  if ("requestIdleCallback" in window) requestIdleCallback(begin, { timeout: 2000 });
  else setTimeout(begin, 500);
  if (!state.store.databaseWorks && !state.store.copyWorks) {
    notice(state.words.storage_failed, { kind: "warning", id: "storage-warning" });
  }
  if ("serviceWorker" in navigator) watchForUpdates();
  if (needsInstallFirst()) notice(state.words.install_ipad, { id: "install-notice" });
}

main();
