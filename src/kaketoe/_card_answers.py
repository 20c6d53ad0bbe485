"""What an older child (10 to 13) did with the conversation cards, and the points
for their return plan.

A child picks a card, picks one or more of its questions and writes an answer
to each (or keeps the card for a talk); an answer can be marked "important for
my return plan", which puts it on the plan, where the child can change it,
remove it or add points of their own. The child decides, per card and per
point, whether the counselor may see it. Everything is keyed by card and
question id, never by text, so the cards can be read in another language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kaketoe._checks import (
    MAX_TEXT,
    STATES,
    AnswerError,
    State,
    flag,
    known_keys,
    mapping,
    timestamp,
)
from kaketoe._checks import text as text_of
from kaketoe._deck import Deck

MAX_PLAN_POINTS = 100


@dataclass(frozen=True)
class CardAnswer:
    """What the child did with one card."""

    card: str
    state: State
    share: bool  # the child lets the counselor see it
    updated: str  # ISO 8601
    # The chosen questions, in the card's order: question id -> the written answer.
    answers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PlanPoint:
    """One point for the return plan, in the child's words."""

    id: str
    text: str
    share: bool
    question: str  # the question it came from, or "" when written on the plan itself
    updated: str


def card_answer_from_data(deck: Deck, data: object) -> CardAnswer:
    """A validated card answer from plain data as the app stores it."""
    record = mapping(data, "card")
    card_id = record.get("card")
    card = deck.card(card_id) if isinstance(card_id, str) else None
    if card is None:
        raise AnswerError("card", f"no card '{str(card_id)[:40]}' in this deck")
    where = f"card '{card.id}'"
    known_keys(record, ("card", "state", "share", "updated", "answers"), where)
    state = record.get("state")
    if state not in STATES:
        raise AnswerError(where, f"state must be one of {', '.join(STATES)}")
    share = flag(record, "share", where)
    written = mapping(record.get("answers", {}), f"{where} answers")
    questions = [question.id for question in card.questions]
    unknown = sorted(str(key)[:40] for key in written if key not in questions)
    if unknown:
        raise AnswerError(where, f"no question {', '.join(unknown)} on this card")
    if state == "answered" and not written:
        raise AnswerError(where, "an answered card has at least one chosen question")
    if state != "answered" and written:
        raise AnswerError(where, "a skipped card, or one kept for a talk, holds no answers")
    return CardAnswer(
        card=card.id,
        state=state,
        share=share,
        updated=timestamp(record.get("updated"), f"{where} updated"),
        answers={
            question: text_of(written[question], f"{where} {question}", MAX_TEXT)
            for question in questions
            if question in written
        },
    )


def card_answer_to_data(answer: CardAnswer) -> dict[str, Any]:
    """Plain data for a card answer, the inverse of :func:`card_answer_from_data`."""
    record: dict[str, Any] = {
        "card": answer.card,
        "state": answer.state,
        "share": answer.share,
        "updated": answer.updated,
    }
    if answer.state == "answered":
        record["answers"] = dict(answer.answers)
    return record


def plan_point_from_data(asked: set[str], data: object, index: int) -> PlanPoint:
    """A validated plan point; ``asked`` are the deck's question ids."""
    where = f"plan point {index + 1}"
    record = mapping(data, where)
    known_keys(record, ("id", "text", "share", "question", "updated"), where)
    share = flag(record, "share", where)
    question = text_of(record.get("question"), where, 80)
    if question and question not in asked:
        raise AnswerError(where, f"no question '{question[:40]}' in this deck")
    return PlanPoint(
        id=text_of(record.get("id"), f"{where} id", 64, required=True),
        text=text_of(record.get("text"), where, MAX_TEXT, required=True),
        share=share,
        question=question,
        updated=timestamp(record.get("updated"), f"{where} updated"),
    )


def plan_point_to_data(point: PlanPoint) -> dict[str, Any]:
    return {
        "id": point.id,
        "text": point.text,
        "share": point.share,
        "question": point.question,
        "updated": point.updated,
    }


def cards_from_data(
    deck: Deck, cards: object, plan: object
) -> tuple[dict[str, CardAnswer], tuple[PlanPoint, ...]]:
    """A child's card answers and plan, validated against the deck."""
    if not isinstance(cards, list):
        raise AnswerError("cards", "must be a list")
    answers: dict[str, CardAnswer] = {}
    for item in cards:
        answer = card_answer_from_data(deck, item)
        if answer.card in answers:
            raise AnswerError(f"card '{answer.card}'", "is given twice")
        answers[answer.card] = answer
    if not isinstance(plan, list) or len(plan) > MAX_PLAN_POINTS:
        raise AnswerError("plan", f"must be a list of at most {MAX_PLAN_POINTS} points")
    asked = set(question_texts(deck))
    points = tuple(plan_point_from_data(asked, item, i) for i, item in enumerate(plan))
    if len({point.id for point in points}) != len(points):
        raise AnswerError("plan", "two points have the same id")
    return answers, points


def question_texts(deck: Deck) -> dict[str, str]:
    """Every question's text by id: what a plan point may name, what a file prints."""
    return {q.id: q.text for card in deck.cards() for q in card.questions}


def plan_point_shown(point: PlanPoint, cards: Mapping[str, CardAnswer]) -> bool:
    """Whether the counselor's copy holds a plan point: the child shows it, and
    when it came from a question, the counselor sees that question's answer too
    (on a card the child shows and answered). A point from a private card, a
    card kept for a talk or a question the child unticked never reaches the
    counselor, so it can never carry that card's words.

    The rule looks at where the point came from, not at its words, so it holds
    after any later edit of the answer or of the point (the app lets a point
    follow its answer while they say the same).
    """
    if not point.share:
        return False
    if not point.question:
        return True  # written on the plan itself, in the child's own words
    holder = next((card for card in cards.values() if point.question in card.answers), None)
    return holder is not None and holder.share and holder.state == "answered"
