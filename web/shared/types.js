// The shapes that cross from one part of the app to another, as JSDoc types for
// `tsc --checkJs` (tsconfig.json): what a child's profile holds on the device,
// what the page reads of a booklet, the messages to and from the Python worker,
// and the page's settings. Nothing imports this module at run time; a file
// names a type as `import("../shared/types.js").Profile`.
//
// The Python side owns what an answer, a file and a booklet may be
// (kaketoe._answers, kaketoe._booklet, kaketoe.worker); these types say which
// of those fields the JavaScript reads or writes.

// A child's profile, as stored (store.js) ------------------------------------------

/** @typedef {"answered" | "skipped" | "talk"} AnswerState */

/**
 * What an answer holds, by the activity's kind (docs/file-format.md): text
 * `{text}`, drawing `{image}`, photo `{image, caption}`, feeling
 * `{feeling, words}`, choice `{chosen}`, people `{people: [{name, who}]}`,
 * info `{read, question}`.
 * @typedef {{[field: string]: any}} AnswerValue
 */

/**
 * One answer, keyed in `Profile.answers` by its activity's id.
 * @typedef {object} Answer
 * @property {string} activity the activity's id
 * @property {AnswerState} [state] absent until the child chose (only a share tick so far)
 * @property {AnswerValue} [value] only when answered (a skipped answer's work is in `Profile.drafts`)
 * @property {boolean} share the counselor's copy holds it
 * @property {string} [updated] ISO time of the last change: two tabs' answers merge by it
 */

/**
 * A sticker the child placed on a station of the road.
 * @typedef {object} PlacedSticker
 * @property {string} sticker the sticker's id (`Booklet.stickers`)
 * @property {string} station the activity's id
 * @property {string} [updated] for merging two tabs' work; the file has none
 */

/**
 * A goodbye page a friend or teacher wrote: its role and the booklet's
 * goodbye fields by their id (name, memory, wish, contact).
 * @typedef {object} GuestPage
 * @property {string} id
 * @property {string} role
 * @property {string} name
 * @property {boolean} [share] the counselor's copy holds it (off unless chosen)
 * @property {string} [updated]
 */

/**
 * A goodbye page being written: the role and the fields typed so far.
 * @typedef {{role: string, updated: string, [field: string]: string}} GoodbyeDraft
 */

/**
 * An older child's conversation card, keyed in `Profile.cards` by its id.
 * @typedef {object} CardRecord
 * @property {string} card the card's id
 * @property {AnswerState} state
 * @property {boolean} share
 * @property {string} updated
 * @property {{[questionId: string]: string}} [answers] only when answered
 */

/**
 * A point of an older child's return plan.
 * @typedef {object} PlanPoint
 * @property {string} id
 * @property {string} text
 * @property {boolean} share
 * @property {string} question the question it came from, or ""
 * @property {string} updated
 */

/** @typedef {"6-9" | "10-13"} AgeGroup */

/** How a child wants to be addressed (kaketoe._answers.PROFILE_ADDRESSES); "": not chosen.
 * @typedef {"girl" | "boy" | ""} AddressedAs */

/**
 * A child's profile as the app keeps it (workbook/main.js makes it; store.js
 * stores it and merges two tabs' copies field by field).
 * @typedef {object} Profile
 * @property {string} id
 * @property {string} nickname as cleanNickname() keeps it
 * @property {string} colour a name of PROFILE_COLOURS
 * @property {string} language the booklet's language when the profile was made
 * @property {AgeGroup} [age] absent in profiles made before the cards: "6-9"
 * @property {AddressedAs} [addressedAs] how the child is addressed; absent or "": not chosen (neutral forms)
 * @property {string} created ISO time
 * @property {string} updated ISO time of the last change
 * @property {string} [named] ISO time the name, colour, age group or address last changed
 * @property {string | null} lastExport ISO time a file was last made, or null
 * @property {{[activityId: string]: Answer}} answers
 * @property {PlacedSticker[]} stickers
 * @property {GuestPage[]} guests
 * @property {{[activityId: string]: AnswerValue}} [drafts] what the child made for an answer not (or no longer) answered
 * @property {{[pageId: string]: GoodbyeDraft}} [goodbyeDrafts] by page id, "" for a new page
 * @property {{[cardId: string]: CardRecord}} [cards] an older child's cards
 * @property {PlanPoint[]} [plan] an older child's return plan
 * @property {{[questionId: string]: string}} [cardDrafts]
 * @property {{[item: string]: string}} [removed] "part/name" -> when it was removed (store.js)
 * @property {number} [schema] set when stored (store.SCHEMA)
 * @property {string} [revision] set when stored: which tab wrote it, and its write
 */

/**
 * What a Store keeps: a child's profile, or a counselor's form under a family
 * code. The store reads only these fields and the parts that hold items
 * (answers, cards, goodbyeDrafts, guests, plan, stickers), by name.
 * @typedef {{id: string, created: string, updated?: string, named?: string,
 *   lastExport?: string | null, removed?: {[item: string]: string},
 *   drafts?: {[name: string]: any}, cardDrafts?: {[name: string]: any},
 *   schema?: number, revision?: string, [field: string]: any}} StoredRecord
 */

// The booklet the page reads (app/data/booklets/<lang>.json) ----------------------

/** @typedef {{[name: string]: string}} Words */

/**
 * A text for the child in forms (kaketoe._schema.ChildText): where a booklet's
 * JSON has one, a text of the types below may be this instead, until the page
 * picks the child's form (shared/child-forms.js forChild).
 * @typedef {{neutral: string, girl: string, boy: string}} ChildForms
 */

/**
 * @typedef {object} Activity
 * @property {string} id
 * @property {"text" | "drawing" | "photo" | "feeling" | "choice" | "people" | "info"} kind
 * @property {string} title
 * @property {string} prompt
 * @property {string} read_aloud
 * @property {string} [adult_hint]
 * @property {{id: string, label: string, picture: string}[]} options a choice's options
 * @property {boolean} multiple a choice of more than one
 * @property {number} max_people
 * @property {string[]} paragraphs an info activity's text
 */

/**
 * @typedef {object} BookletPart
 * @property {string} id
 * @property {string} name "A" to "D"
 * @property {string} title
 * @property {string} colour
 * @property {{title: string, paragraphs: string[]}} story
 * @property {Activity[]} activities
 */

/**
 * @typedef {object} CardQuestion
 * @property {string} id
 * @property {string} text
 */

/**
 * @typedef {object} Card
 * @property {string} id
 * @property {string} theme
 * @property {number} crest the kaketoe's crest on the front, 0 to 4
 * @property {string} picture an id of `Booklet.art`
 * @property {CardQuestion[]} questions
 */

/**
 * @typedef {object} DeckPart
 * @property {string} id
 * @property {string} title
 * @property {string} intro
 * @property {string} colour
 * @property {Card[]} cards
 */

/**
 * @typedef {object} DeckInfoSection
 * @property {string} id
 * @property {string} title
 * @property {string[]} paragraphs
 * @property {{id: string, term: string, text: string}[]} items
 */

/**
 * The conversation cards for an older child.
 * @typedef {object} Deck
 * @property {string} title
 * @property {string[]} intro
 * @property {Words} words
 * @property {DeckPart[]} parts
 * @property {{title: string, intro: string, sections: DeckInfoSection[]}} info
 */

/**
 * A child's booklet in one language, as the page reads it.
 * @typedef {object} Booklet
 * @property {string} language
 * @property {string} direction "ltr" or "rtl"
 * @property {Words} words the app's words
 * @property {{question?: string, hint?: string, girl?: string, boy?: string, neutral?: string}} address
 *   the question how the child is addressed: empty in a language whose texts have no forms
 * @property {Words} messages a file's problem (kaketoe._booklet.MESSAGES) in words
 * @property {{last_export_days: {[form: string]: string}}} plurals by Intl.PluralRules category
 * @property {{[id: string]: string}} art SVG markup by id
 * @property {BookletPart[]} parts
 * @property {{id: string, label: string}[]} stickers
 * @property {{id: string, label: string}[]} feelings
 * @property {{title: string, intro: string, read_aloud: string,
 *   roles: {id: string, label: string}[],
 *   fields: {id: string, label: string, prompt: string}[]}} goodbye
 * @property {Deck} [deck]
 */

// The Python worker's messages (shared/python.js <-> shared/python-worker.js) -------

/**
 * @typedef {"export" | "import" | "view-file" | "read-form" | "risk-summary"
 *   | "monitoring-scores" | "form-file"} RequestKind
 */

/**
 * A request: a kind of kaketoe.worker.KINDS, a file's `bytes` for the kinds
 * that read one, and the other fields, which go to Python as JSON.
 * @typedef {{type: RequestKind, bytes?: ArrayBuffer | Blob, [field: string]: unknown}} PythonRequest
 */

/**
 * The worker's reply to request `id` (kaketoe.worker.handle's header): a
 * result; a file's problem (a code of kaketoe._booklet.MESSAGES); what was
 * filled in refused; or Python itself failed, and the worker is of no more use.
 * A made file's result is its bytes (a Uint8Array).
 * @typedef {{id: number, type?: never} & ({ok: true, result?: any, failure?: never}
 *   | {ok: false, problem: string, detail: string, failure?: never}
 *   | {ok: false, error: string, failure?: never}
 *   | {ok: false, failure: "crashed", error: string})} WorkerReply
 */

/**
 * What the worker says while it starts, before any reply: each stage, then
 * ready (with when each stage was reached, in ms) or failed.
 * @typedef {{id?: never} & ({type: "stage", stage: string}
 *   | {type: "ready", timings: {[stage: string]: number}}
 *   | {type: "failed", error: string})} WorkerStatus
 */

/** @typedef {WorkerStatus | WorkerReply} WorkerMessage */

/**
 * A refused call, as python.js rejects it: an Error with what went wrong.
 * `failure`: "time-out", "crashed" or "start-failed".
 * @typedef {Error & {problem?: string, detail?: string, failure?: string, error?: string}} Refusal
 */

// The page's settings (shared/settings.js) ----------------------------------------

/**
 * What the build tells every page of the app (`<body data-…>`).
 * @typedef {object} PageSettings
 * @property {string} language the page's language
 * @property {string} defaultLanguage the language the site serves at its root
 * @property {string[]} bookletLanguages every language a child's booklet exists in
 * @property {string} version the kaketoe package's version: the Python bundle's name
 * @property {string} pyodide Pyodide's version: the folder it is served from
 */

/**
 * The rules the build hands to every page (kaketoe._answers.app_rules).
 * @typedef {object} PageRules
 * @property {{[colour: string]: string}} profile_colours name -> how it is painted
 * @property {string[]} sticker_states an answer in one of these states earns a sticker
 */

export {};
