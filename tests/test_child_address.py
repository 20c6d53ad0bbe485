"""How the child is addressed: a girl's, a boy's or a neutral form of a text.

The profile may say "girl" or "boy" (or nothing: the neutral form). A text for
the child may be written in the three forms (kaketoe._schema.ChildText); the
app, the family's file and the counselor's report each pick the right one.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from workbook_samples import LATER, WHEN, booklet, full_workbook

from kaketoe import (
    AnswerError,
    BookletError,
    export_html,
    load_booklet,
    read_export,
    report_html,
    workbook_from_data,
    workbook_to_data,
)
from kaketoe._booklet import Booklet, booklet_from_json, booklet_to_json
from kaketoe._schema import ChildText, for_child, specs

DATA = re.compile(r'<script type="application/json" id="kaketoe-export">(.*?)</script>', re.S)
DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
# Second-person masculine forms the Arabic child texts used before they had forms
# for a girl: imperatives, verbs and adjectives that speak to a boy only.
MASCULINE_ONLY = {
    "اكتب",
    "ارسم",
    "اختر",
    "أضف",
    "ضع",
    "خذ",
    "اسأل",
    "فاسأل",
    "قل",
    "فقل",
    "تخطه",
    "احك",
    "دع",
    "اصنع",
    "أعطه",
    "احتفظ",
    "التقط",
    "اسحب",
    "اقلب",
    "تختار",
    "ترسم",
    "تبدأ",
    "تريد",
    "تحتاج",
    "تتذكر",
    "تفكر",
    "ستسكن",
    "ستقابل",
    "تحبه",
    "تودعه",
    "ماهر",
    "آمنا",
    # The cards for 10-13 (cards/part-*.yml, deck.yml) before they had forms.
    # Present-tense forms also say "she": only those no text for a girl or
    # everyone uses in that sense stand here (not تفعل، تستطيع، تشعر).
    "تحب",
    "تقرر",
    "تودع",
    "تفتخر",
    "تفخر",
    "تفضل",
    "سترحل",
    "ستفتقد",
    "ستفتقده",
    "تهدأ",
    "لتهدأ",
    "تجيده",
    "اذكر",
    "أعط",
    "احكها",
}
# A plain text: "ماذا تحبّ أن تفعل" before this change, or a one-word option.
PLAIN = "ما أحلى الأوقات مع عائلتك؟"


def words_of(text: str) -> list[str]:
    """The words of an Arabic text, without diacritics (a vocalised form is the same word)."""
    return [DIACRITICS.sub("", word) for word in re.findall(r"[\u0621-\u0652\u0670\u0640]+", text)]


def texts_for_child(value: object) -> list[str]:
    """Every text of ``value`` that a field marks as read by the child."""
    found: list[str] = []
    for entry in specs(type(value)):
        current = getattr(value, entry.name)
        if current is None:
            continue
        kind, addressed = entry.spec.kind, entry.spec.addressed
        if kind == "text" and addressed:
            found.append(current)
        elif kind == "texts" and addressed:
            found += list(current)
        elif kind == "words" and addressed:
            found += list(current.values())
        elif kind == "items":
            for item in current:
                found += texts_for_child(item)
        elif kind == "one":
            found += texts_for_child(current)
    return found


def masculine_words(address: str) -> list[str]:
    """The masculine-only words the Arabic child texts hold for ``address``: the
    booklet, and the cards for 10-13 with their deck intro and app words."""
    addressed = for_child(booklet("ar"), address)
    assert addressed.deck is not None
    texts = texts_for_child(addressed)
    return sorted({word for text in texts for word in words_of(text) if word in MASCULINE_ONLY})


# The content ---------------------------------------------------------------------------


@pytest.mark.parametrize("address", ["girl", ""])
def test_arabic_child_texts_never_speak_to_a_girl_or_anyone_as_a_boy(address: str) -> None:
    """A girl, and a child who did not choose, meet no boy-only verb or imperative."""
    assert masculine_words(address) == []


def test_the_boy_still_reads_his_forms() -> None:
    """The boy's booklet keeps the direct masculine address the texts had."""
    assert {"اكتب", "ارسم", "اختر"} <= set(masculine_words("boy"))


def test_arabic_adult_hints_address_adults_in_the_plural() -> None:
    """Every Arabic hint for adults speaks to them as أنتم, never in the singular imperative."""
    singular = {"اقرأ", "اسأل", "قل", "سم", "امدح", "فكر", "احك", "اذكر", "أخبر", "تكلم", "خذ"}
    found = [
        f"{activity.id}: {word}"
        for activity in booklet("ar").activities()
        for word in words_of(activity.adult_hint)
        if word in singular
    ]
    assert found == []


def test_arabic_asks_how_the_child_is_addressed_and_dutch_does_not() -> None:
    """Only a language with texts in forms asks the question (app.yml 'address')."""
    assert set(booklet("ar").address) == {"question", "hint", "girl", "boy", "neutral"}
    assert booklet("nl").address == {}
    assert booklet("en").address == {}


# The model -----------------------------------------------------------------------------


def prompt_of(loaded: Booklet, activity_id: str) -> str:
    """The prompt of an activity of a booklet, which must have it."""
    activity = loaded.activity(activity_id)
    assert activity is not None, activity_id
    return activity.prompt


def arabic_prompt(activity_id: str) -> ChildText:
    """The prompt of an activity of the Arabic booklet, in its three forms."""
    prompt = prompt_of(booklet("ar"), activity_id)
    assert isinstance(prompt, ChildText)
    return prompt


def test_forms_are_read_kept_through_json_and_picked() -> None:
    """A text in forms reads from YAML, survives the app's JSON, and gives each child's form."""
    arabic = booklet("ar")
    prompt = arabic_prompt("a-kaketoe-name")
    again = prompt_of(booklet_from_json(booklet_to_json(arabic)), "a-kaketoe-name")
    assert isinstance(again, ChildText)
    assert again.to_data() == prompt.to_data()
    data = json.loads(booklet_to_json(arabic))
    assert set(data["parts"][0]["activities"][0]["prompt"]) == {"neutral", "girl", "boy"}
    girl = for_child(arabic, "girl").activity("a-kaketoe-name")
    assert girl is not None
    assert girl.prompt == prompt.girl
    assert type(girl.prompt) is str
    assert prompt_of(for_child(arabic, ""), "a-kaketoe-name") == str(prompt)


def copy_workbooks(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    for language in ("nl", "ar"):
        shutil.copytree(ROOT / "content" / language / "workbook", content / language / "workbook")
    shutil.copytree(ROOT / "content" / "assets" / "images", content / "assets" / "images")
    return content


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("      girl: ما الاسم الذي تعطينه لكاكادوكِ؟\n", "", "exactly these: neutral, girl, boy"),
        ("      neutral: ما اسم كاكادوك؟\n", "", "exactly these: neutral, girl, boy"),
        ("      neutral: ما اسم كاكادوك؟\n", "      neutral: ''\n", "'neutral' needs text"),
        (
            "      girl: ما الاسم الذي تعطينه لكاكادوكِ؟",
            "      girl: ما الاسم الذي تعطيه لكاكادوك؟",
            "the same",
        ),
    ],
)
def test_a_text_in_forms_needs_all_three(tmp_path: Path, old: str, new: str, message: str) -> None:
    """Every text in forms has a neutral, a girl's and a boy's form, and the two differ."""
    content = copy_workbooks(tmp_path)
    path = content / "ar" / "workbook" / "part-a.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(BookletError, match=message) as raised:
        load_booklet(content, "ar")
    assert "a-kaketoe-name" in str(raised.value)
    assert "prompt" in str(raised.value)


def test_an_adult_hint_is_never_in_forms(tmp_path: Path) -> None:
    """Hints speak to adults in one text: forms there are refused by name."""
    content = copy_workbooks(tmp_path)
    path = content / "ar" / "workbook" / "part-a.yml"
    text = path.read_text(encoding="utf-8")
    hint = "كلّ اسم جيد، حتى الاسم المضحك. يمكن للطفل أن يغيّر الاسم فيما بعد."
    old = f"    adult_hint: >-\n      {hint}\n"
    assert old in text
    forms = "    adult_hint:\n      neutral: أ\n      girl: ب\n      boy: ج\n"
    path.write_text(text.replace(old, forms, 1), encoding="utf-8")
    with pytest.raises(BookletError, match="'adult_hint' needs one text"):
        load_booklet(content, "ar")


def test_forms_need_the_question_in_app_words(tmp_path: Path) -> None:
    """A language with forms must ask how the child is addressed; one without must not."""
    content = copy_workbooks(tmp_path)
    app = content / "ar" / "workbook" / "app.yml"
    text = app.read_text(encoding="utf-8")
    start, end = text.index("address:\n"), text.index("last_export_days:")
    app.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(BookletError, match="needs the question how the child is addressed"):
        load_booklet(content, "ar")
    dutch = content / "nl" / "workbook" / "app.yml"
    asked = "address:\n  question: q\n  hint: h\n  girl: g\n  boy: b\n  neutral: n\n"
    dutch.write_text(dutch.read_text(encoding="utf-8") + asked, encoding="utf-8")
    with pytest.raises(BookletError, match="leave 'address' out"):
        load_booklet(content, "nl")


# The profile and the file -------------------------------------------------------------


def arabic_workbook(addressed_as: str | None) -> dict[str, Any]:
    data = full_workbook(booklet("ar"))
    if addressed_as is not None:
        data["profile"]["addressed_as"] = addressed_as
    return data


def test_the_profile_keeps_how_the_child_is_addressed() -> None:
    """A girl's profile reads, writes and reads back as a girl's."""
    workbook = workbook_from_data(booklet("ar"), arabic_workbook("girl"))
    assert workbook.profile.addressed_as == "girl"
    assert workbook_to_data(workbook, booklet("ar"))["profile"]["addressed_as"] == "girl"


def test_a_file_without_the_choice_still_reads_as_neutral() -> None:
    """Files made before the choice existed read, and write no choice back."""
    workbook = workbook_from_data(booklet("ar"), arabic_workbook(None))
    assert workbook.profile.addressed_as == ""
    assert "addressed_as" not in workbook_to_data(workbook, booklet("ar"))["profile"]


@pytest.mark.parametrize("value", ["female", "Girl", "", 1, None])
def test_an_unknown_address_is_refused(value: object) -> None:
    """Only "girl" and "boy" stand in a file; anything else is refused with its field named."""
    data = arabic_workbook(None)
    data["profile"]["addressed_as"] = value
    with pytest.raises(AnswerError, match="addressed_as must be one of girl, boy"):
        workbook_from_data(booklet("ar"), data)


def test_the_family_copy_speaks_to_the_girl_and_reads_back() -> None:
    """The girl's family copy shows her forms; the counselor's copy the neutral ones."""
    arabic = booklet("ar")
    prompt = arabic_prompt("a-kaketoe-name")
    workbook = workbook_from_data(arabic, arabic_workbook("girl"))
    family = export_html(workbook, arabic, "family", created=WHEN, updated=LATER)
    assert prompt.girl in family
    assert prompt.boy not in family
    counselor = export_html(workbook, arabic, "counselor", created=WHEN, updated=LATER)
    assert prompt.girl not in counselor
    imported = read_export(family.encode("utf-8"), {"ar": arabic})
    assert imported.workbook.profile.addressed_as == "girl"
    match = DATA.search(family)
    assert match is not None
    assert json.loads(match.group(1))["content"]["profile"]["addressed_as"] == "girl"


def test_the_report_reads_the_neutral_forms() -> None:
    """The counselor's report, read by an adult, shows the neutral form of every question."""
    arabic = booklet("ar")
    prompt = arabic_prompt("a-crest-today")
    workbook = workbook_from_data(arabic, arabic_workbook("girl"))
    family = export_html(workbook, arabic, "family", created=WHEN, updated=LATER)
    report = report_html(read_export(family.encode("utf-8"), {"ar": arabic}), arabic)
    assert str(prompt) in report
    assert prompt.girl not in report


def test_words_of_finds_masculine_forms_with_and_without_marks() -> None:
    """The content check sees a vocalised masculine imperative, and not the girl's forms."""
    assert "اختر" in words_of("اختَرْ صورة")
    assert "فاسأل" in words_of("فاسألْ أهلك")
    assert not set(words_of("اختاري صورة، واكتبي اسمكِ")) & MASCULINE_ONLY
    assert not set(words_of(PLAIN)) & MASCULINE_ONLY
