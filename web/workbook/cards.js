// The screens of an older child (10 to 13): the conversation cards instead of
// the story booklet (handbook 4.4). The child draws a card or picks one by
// part, turns it over, chooses questions and writes; an answer marked
// "important for my return plan" goes on the plan, where the child can change
// it, remove it or add points. What a card or point may hold is checked by
// Python (kaketoe._card_answers); this module renders and edits the profile:
//   profile.cards: {cardId: {card, state, share, updated, answers: {questionId: text}}}
//   profile.plan:  [{id, text, share, question, updated}]
//   profile.cardDrafts: {questionId: text}  (what the child wrote for a question
//     they unticked, or on a card they skipped: it stays on the device)

import { h, isolated, svg } from "../shared/dom.js";
import { PROFILE_COLOURS } from "../shared/settings.js";
import { kaketoe } from "./kaketoe-art.js";

export const OLDER = "10-13";

/** The profile works with the cards. */
export function usesCards(profile) {
  return Boolean(profile) && profile.age === OLDER;
}

/** The profile as a file holds it (kaketoe._answers.Profile): how the child is
 * addressed only when chosen. */
export function fileProfile(profile) {
  return { nickname: profile.nickname, colour: profile.colour, ...(profile.addressedAs ? { addressed_as: profile.addressedAs } : {}) };
}

/** What the Python side reads for an older child's file. Points without words are left out. */
export function cardsWorkbook(profile) {
  return {
    material: "cards",
    profile: fileProfile(profile),
    cards: Object.values(profile.cards || {}),
    plan: (profile.plan || []).filter((point) => point.text.trim()),
    guests: profile.guests || [],
  };
}

/** The screens, given the app's shared parts: {state, show, changed, saveNow, go, now, speechFor, exportReminder}. */
export function cardScreens(app) {
  const { state, show, changed, saveNow, go, now } = app;
  const deck = () => state.booklet.deck;
  const words = () => deck().words;
  const cardsOf = (profile) => (profile.cards ||= {});
  const planOf = (profile) => (profile.plan ||= []);
  const allCards = () => deck().parts.flatMap((part) => part.cards);
  const partOf = (cardId) => deck().parts.find((part) => part.cards.some((card) => card.id === cardId));
  const question = (id) => allCards().flatMap((card) => card.questions).find((q) => q.id === id);
  const cardOf = (questionId) => allCards().find((card) => card.questions.some((q) => q.id === questionId));
  /** The counselor sees this question's answer: on a card the child shows and answered. */
  const answerShown = (questionId) => {
    const card = cardOf(questionId);
    const record = card && cardsOf(state.profile)[card.id];
    return Boolean(record && record.share && record.state === "answered" && record.answers && questionId in record.answers);
  };
  /** The counselor's copy holds a plan point: the same rule as kaketoe._card_answers.plan_point_shown.
   * A point from a question never carries words of an answer the counselor does not see. */
  const pointShown = (point) => Boolean(point.share && point.text.trim() && (!point.question || answerShown(point.question)));
  const back = (href, label = state.words.back) => h("p", {}, h("a", { href, class: "tool" }, label));

  function front(card) {
    const colour = PROFILE_COLOURS[state.profile.colour];
    return h("div", { class: "card-front", "aria-hidden": "true" },
      svg(kaketoe(card.crest, colour)),
      svg(state.booklet.art[card.picture] || ""));
  }

  /** A card the child has not done yet, from any part; any card when all are done. */
  function drawCard(except = "") {
    const done = cardsOf(state.profile);
    const open = allCards().filter((card) => !done[card.id] && card.id !== except);
    const pool = open.length ? open : allCards().filter((card) => card.id !== except);
    const card = pool[Math.floor(Math.random() * pool.length)];
    go(`#/card/${card.id}`);
  }

  function home() {
    const { profile } = state;
    const chosen = allCards().filter((card) => cardsOf(profile)[card.id]);
    const points = planOf(profile).filter((point) => point.text.trim()).length;
    show(
      h("div", { class: "home__top" },
        svg(kaketoe(3, PROFILE_COLOURS[profile.colour])),
        h("h1", {}, `${words().deck_home}: `, isolated(profile.nickname)),
        h("a", { href: "#/", class: "tool" }, state.words.back)),
      ...deck().intro.map((paragraph) => h("p", {}, paragraph)),
      h("div", { class: "choices-row" },
        h("button", { type: "button", class: "button button--primary", id: "draw-card", onclick: () => drawCard() }, words().shuffle)),
      h("p", { class: "hint" }, words().shuffle_hint),
      h("h2", {}, words().browse),
      h("ol", { class: "road" }, ...deck().parts.map((part) => h("li", { class: `stretch stretch--${part.colour}` },
        h("h3", {}, h("a", { href: `#/part/${part.id}` }, part.title))))),
      chosen.length ? h("section", { "aria-labelledby": "chosen-title" },
        h("h2", { id: "chosen-title" }, words().chosen_cards),
        h("ul", {}, ...chosen.map((card) => h("li", {}, h("a", { href: `#/card/${card.id}` }, card.theme))))) : null,
      h("p", { class: "home__more" },
        h("a", { href: "#/plan", class: "button" }, points ? `${words().plan} (${points})` : words().plan),
        h("a", { href: "#/info", class: "button" }, words().info),
        h("a", { href: "#/goodbye", class: "button" }, state.words.goodbye),
        h("a", { href: "#/export", class: "button" }, state.words.export)),
      app.exportReminder());
  }

  function part(partId) {
    const chosenPart = deck().parts.find((p) => p.id === partId);
    if (!chosenPart) return home();
    const done = cardsOf(state.profile);
    show(
      back("#/home"),
      h("h1", { class: `part-title part-title--${chosenPart.colour}` }, chosenPart.title),
      h("p", {}, chosenPart.intro),
      h("ul", { class: "stations cards" }, ...chosenPart.cards.map((card) => h("li", { class: `station${done[card.id] ? " station--visited" : ""}` },
        h("a", { href: `#/card/${card.id}`, class: "station__link card-link", dataset: { card: card.id } },
          front(card), h("span", { class: "station__title" }, card.theme))))));
  }

  function card(cardId) {
    const chosen = allCards().find((c) => c.id === cardId);
    if (!chosen) return home();
    const cardPart = partOf(cardId);
    const { profile } = state;
    const stored = cardsOf(profile)[cardId];
    const drafts = (profile.cardDrafts ||= {});
    // What is on screen: the chosen questions and their answers.
    const answers = { ...((stored && stored.answers) || {}) };
    const share = h("input", { type: "checkbox", id: "share", checked: Boolean(stored && stored.share) });
    // A card kept for a talk stays so while the child writes on it (what they
    // write is a draft on the device); done makes it an answer only when the
    // child changed something here and chose a question.
    const talking = Boolean(stored && stored.state === "talk");
    let touched = false;
    const keep = (patch = {}) => {
      const before = cardsOf(profile)[cardId];
      const held = before && before.state === "talk" ? "talk" : null;
      const state_ = patch.state || held || (Object.keys(answers).length ? "answered" : null);
      if (!state_) {
        if (before) {
          delete cardsOf(profile)[cardId];
          changed();
        }
        return;
      }
      const record = { card: cardId, state: state_, share: share.checked, updated: now() };
      if (state_ === "answered") {
        record.answers = { ...answers };
        for (const id of Object.keys(answers)) delete drafts[id];
      } else Object.assign(drafts, answers);
      cardsOf(profile)[cardId] = record;
      changed();
    };
    share.addEventListener("change", () => {
      if (cardsOf(profile)[cardId]) keep({ state: cardsOf(profile)[cardId].state });
    });

    const blocks = chosen.questions.map((q) => {
      const id = q.id;
      const ticked = h("input", { type: "checkbox", id: `choose-${id}`, checked: id in answers });
      const text = h("textarea", { id: `answer-${id}`, rows: 3, maxlength: 5000, dir: "auto" });
      text.value = answers[id] ?? drafts[id] ?? "";
      const point = () => planOf(profile).find((p) => p.question === id);
      const important = h("input", { type: "checkbox", id: `important-${id}`, checked: Boolean(point()) });
      const writing = h("div", { class: "card-answer", hidden: !(id in answers) },
        h("div", { class: "field" }, h("label", { for: `answer-${id}` }, words().your_answer), text),
        h("div", { class: "share" }, important, h("label", { for: `important-${id}` }, words().important)),
        h("p", { class: "hint" }, words().important_hint));
      ticked.addEventListener("change", () => {
        touched = true;
        writing.hidden = !ticked.checked;
        if (ticked.checked) {
          answers[id] = text.value;
          delete drafts[id];
          text.focus();
        } else {
          if (text.value.trim()) drafts[id] = text.value;
          delete answers[id];
        }
        keep();
      });
      text.addEventListener("input", () => {
        touched = true;
        const earlier = answers[id] || "";
        answers[id] = text.value;
        // A point that still says what the answer said follows the answer.
        const marked = point();
        if (marked && marked.text === earlier) {
          marked.text = text.value;
          marked.updated = now();
        }
        keep();
      });
      important.addEventListener("change", () => {
        if (important.checked && !point()) {
          planOf(profile).push({ id: crypto.randomUUID(), text: text.value, share: false, question: id, updated: now() });
        } else if (!important.checked) {
          profile.plan = planOf(profile).filter((p) => p.question !== id);
        }
        changed();
      });
      return h("li", { class: "card-question" },
        h("div", { class: "share" }, ticked, h("label", { for: `choose-${id}` }, q.text)),
        writing);
    });

    const backSide = h("section", { class: "card-back", id: "card-back", hidden: !stored, "aria-labelledby": "questions-title" },
      h("h2", { id: "questions-title", tabindex: "-1" }, words().choose_questions),
      app.speechFor([`${chosen.theme}.`, ...chosen.questions.map((q) => q.text)].join(" ")),
      h("ol", { class: "card-questions" }, ...blocks),
      h("div", { class: "share" }, share, h("label", { for: "share" }, state.words.show_counselor)));
    const turn = h("button", { type: "button", class: "button button--primary", id: "turn-card", hidden: Boolean(stored) }, words().turn_card);
    turn.addEventListener("click", () => {
      backSide.hidden = false;
      turn.hidden = true;
      backSide.querySelector("h2").focus();
    });
    const leave = (patch) => {
      keep(patch);
      saveNow();
      go(`#/part/${cardPart.id}`);
    };
    const done = () => leave(talking && touched && Object.keys(answers).length ? { state: "answered" } : {});
    show(
      back(`#/part/${cardPart.id}`),
      h("h1", { class: `activity-title part-title part-title--${cardPart.colour}` }, chosen.theme),
      talking ? h("p", { class: "notice", id: "talk-chosen" }, state.words.talk_chosen) : null,
      h("div", { class: "card" }, front(chosen)),
      turn,
      backSide,
      h("p", { id: "saved", class: "saved", role: "status" }),
      h("div", { class: "choices-row" },
        h("button", { type: "button", class: "button button--primary", onclick: done }, state.words.done),
        h("button", { type: "button", class: "button", "aria-describedby": "talk-note", onclick: () => leave({ state: "talk" }) }, state.words.talk),
        h("button", { type: "button", class: "button", onclick: () => leave({ state: "skipped" }) }, state.words.skip),
        h("button", { type: "button", class: "button", onclick: () => { keep(); saveNow(); drawCard(cardId); } }, words().another_card)),
      h("p", { class: "hint", id: "talk-note" }, state.words.talk_note));
  }

  function plan() {
    const { profile } = state;
    const points = planOf(profile);
    const entry = (point, index) => {
      const id = `point-${index + 1}`;
      const text = h("textarea", { id, rows: 3, maxlength: 5000, dir: "auto" });
      text.value = point.text;
      text.addEventListener("input", () => {
        point.text = text.value;
        point.updated = now();
        changed();
      });
      // A point from a card the counselor does not see stays private, whatever is ticked.
      const held = Boolean(point.question) && !answerShown(point.question);
      const share = h("input", { type: "checkbox", id: `${id}-share`, checked: point.share, "aria-describedby": held ? `${id}-private` : null });
      share.addEventListener("change", () => {
        point.share = share.checked;
        point.updated = now();
        changed();
      });
      const asked = point.question && question(point.question);
      return h("li", { class: "plan-point" },
        h("div", { class: "field" }, h("label", { for: id }, `${words().plan_edit}: ${index + 1}`), text),
        asked ? h("p", { class: "hint" }, `${words().plan_from}: ${asked.text}`) : null,
        h("div", { class: "share" }, share, h("label", { for: `${id}-share` }, state.words.show_counselor)),
        held ? h("p", { class: "hint", id: `${id}-private` }, state.words.plan_point_private) : null,
        h("button", {
          type: "button",
          class: "tool",
          "aria-label": `${words().plan_remove}: ${index + 1}`,
          onclick: () => {
            profile.plan = points.filter((p) => p !== point);
            changed();
            saveNow();
            plan();
          },
        }, words().plan_remove));
    };
    const added = h("textarea", { id: "plan-new", rows: 3, maxlength: 5000, dir: "auto" });
    show(
      back("#/home"),
      h("h1", {}, words().plan),
      h("p", {}, words().plan_intro),
      points.length ? h("ol", { class: "plan" }, ...points.map(entry)) : h("p", {}, words().plan_empty),
      h("form", {
        class: "plan-add",
        onsubmit: (event) => {
          event.preventDefault();
          if (!added.value.trim()) return added.focus();
          points.push({ id: crypto.randomUUID(), text: added.value, share: false, question: "", updated: now() });
          profile.plan = points;
          changed();
          saveNow();
          plan();
        },
      },
      h("div", { class: "field" }, h("label", { for: "plan-new" }, words().plan_new), added),
      h("button", { type: "submit", class: "button button--primary" }, words().plan_add)));
  }

  // The terms and texts of the information come as runs of [language, words],
  // the language "" for the text's own (kaketoe._schema.Runs): words in another
  // language, such as IOM in Arabic, carry their language and direction.
  /** @typedef {[string, string][]} Runs */
  /** The words as they are said. @param {Runs} runs @returns {string} */
  const spoken = (runs) => runs.map(([, words]) => words).join("");
  /** The words as they are shown. @param {Runs} runs @returns {(string | HTMLElement)[]} */
  const marked = (runs) => runs.map(([language, words]) => (language ? h("span", { lang: language, dir: "ltr" }, words) : words));

  function info() {
    const about = deck().info;
    show(
      back("#/home"),
      h("h1", {}, about.title),
      h("p", {}, about.intro),
      ...about.sections.map((section) => h("section", { class: "story", "aria-labelledby": `info-${section.id}` },
        h("h2", { id: `info-${section.id}` }, section.title),
        app.speechFor([section.title, ...section.paragraphs, ...section.items.map((i) => `${spoken(i.term)}. ${spoken(i.text)}`)].join(" ")),
        ...section.paragraphs.map((paragraph) => h("p", {}, paragraph)),
        h("dl", { class: "info-items" }, ...section.items.flatMap((item) => [h("dt", {}, marked(item.term)), h("dd", {}, marked(item.text))])))));
  }

  /** What the counselor's copy will show, as links the child can follow to change it:
   * the cards the child shows, the cards kept for a talk (their theme only), and
   * the plan points that reach the counselor (kaketoe._export.for_counselor). */
  function shownToCounselor() {
    const { profile } = state;
    const cards = allCards().map((c) => [c, cardsOf(profile)[c.id] || {}])
      .filter(([, record]) => record.share || record.state === "talk")
      .map(([c, record]) => h("li", {}, h("a", { href: `#/card/${c.id}` }, c.theme),
        record.state === "talk" ? `: ${state.words.talk}` : null));
    const points = planOf(profile).filter(pointShown)
      .map((p) => h("li", {}, h("a", { href: "#/plan" }, `${words().plan}: `, h("bdi", {}, p.text.slice(0, 60)))));
    return [...cards, ...points];
  }

  return { home, part, card, plan, info, shownToCounselor };
}
