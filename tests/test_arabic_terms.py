"""One Arabic word for each thing parents and children hold in their hands.

The parent brochure is نشرة (نشرة للأهل), the children's booklet is كتيّب
(كتيّب الكاكادو, also the app as the child sees it, as Dutch says "boekje"),
and the digital workbook, when adults name it apart, is كرّاسة العمل. A parent
who reads "the booklet" then always knows it is the child's, never this
brochure.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

CONTENT = ROOT / "content" / "ar"
BROCHURE = "نشرة"
WORKBOOK = "كرّاسة العمل"
# كتيّب in any form (الكتيّب، كتيّبك، للكتيّب ...), with or without the shadda.
BOOKLET = re.compile("كتي\u0651?ب")


def markdown_link_texts(text: str, target: str) -> list[str]:
    return re.findall(r"\[([^\]]+)\]\(" + re.escape(target) + r"\)", text)


def arabic_nav_label(section: str) -> str:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    arabic = config.split("- locale: ar", 1)[1].split("- locale:", 1)[0]
    found = re.search(rf"^\s*{re.escape(section)}:\s*(.+)$", arabic, re.M)
    assert found, f"no Arabic label for {section!r}"
    return found.group(1).strip()


def test_the_brochure_is_called_nashra_wherever_it_is_named() -> None:
    """The Arabic menu, start page, route map and the brochure's own titles call it نشرة."""
    start_page = (CONTENT / "index.md").read_text(encoding="utf-8")
    route = (CONTENT / "route-map" / "route.yml").read_text(encoding="utf-8")
    route_label = re.search(r"brochure:\s*\{label:\s*([^,]+),", route)
    assert route_label
    titles = [
        (CONTENT / "brochure" / name).read_text(encoding="utf-8").split("\n# ", 1)[-1]
        for name in ("index.md", "print.md")
    ]
    names = [
        arabic_nav_label("Brochure voor ouders"),
        *markdown_link_texts(start_page, "brochure/index.md"),
        route_label.group(1),
        *(title.lstrip("# ").splitlines()[0] for title in titles),
    ]
    assert len(names) == 5
    for name in names:
        assert BROCHURE in name, name
        assert not BOOKLET.search(name), name
    for path in sorted(CONTENT.rglob("*")):
        if path.suffix in {".md", ".yml"}:
            text = path.read_text(encoding="utf-8")
            assert not re.search("كتي\u0651?ب (?:لل|الخاص بال)أهل", text), path


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in (CONTENT / "brochure").glob("*.md") if p.name != "booklet.md"),
)
def test_brochure_pages_name_the_childrens_booklet_in_full(name: str) -> None:
    """Outside its own page, the brochure says كتيّب only as "كتيّب الكاكادو", never for itself."""
    text = (CONTENT / "brochure" / name).read_text(encoding="utf-8")
    for found in BOOKLET.finditer(text):
        following = text[found.end() : found.end() + 9]
        assert following == " الكاكادو", f"{name}: {text[found.start() - 30 : found.end() + 30]!r}"


def test_the_digital_workbook_is_karrasat_al_amal_for_adults() -> None:
    """Where adults read about the digital workbook apart from the booklet, it is كرّاسة العمل."""
    booklet_page = (CONTENT / "brochure" / "booklet.md").read_text(encoding="utf-8")
    route = (CONTENT / "route-map" / "route.yml").read_text(encoding="utf-8")
    assert markdown_link_texts(booklet_page, "../workbook/index.md") == [WORKBOOK]
    assert WORKBOOK in booklet_page.split("## ")[-1].splitlines()[0]
    assert re.search(rf"booklets:\s*\{{label:[^}}]*{WORKBOOK}", route)
    everything = [p for p in CONTENT.rglob("*") if p.suffix in {".md", ".yml"}]
    for path in everything:
        text = path.read_text(encoding="utf-8")
        assert not re.search("كتي\u0651?ب ?ال?رقمي", text), path


def test_the_booklet_word_is_spelled_one_way() -> None:
    """Every Arabic page and app or card text writes كتيّب with its shadda, as one word."""
    for path in sorted(CONTENT.rglob("*")):
        if path.suffix in {".md", ".yml"}:
            text = path.read_text(encoding="utf-8")
            assert "كتيب" not in text, path
