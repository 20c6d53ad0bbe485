"""What the counselor tools promise, kept: a family's copy in the viewer shows only
what the child shared; every failure is named in the counselor's own words; family
codes that only look alike never become a second family unasked; one family's form
in two tabs loses nothing; the trend chart compares like with like; no "null"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from axe import axe_violations
from bs4 import BeautifulSoup
from conftest import new_profile
from page_visit import DESKTOP
from playwright.sync_api import expect
from test_counselor_tools import open_tool
from workbook_samples import LATER, WHEN, booklet, booklets, full_cards, full_workbook

from kaketoe import export_html, read_export, workbook_from_data
from kaketoe._booklet import MESSAGES
from kaketoe._counselor import counselor_data
from kaketoe._form_file import monitoring_file_html
from kaketoe._monitoring import load_checklist, moments_from_data, scores_to_data
from kaketoe._report import viewer_html

CONTENT = Path(__file__).resolve().parent.parent / "content"
PYTHON_MS = 120_000  # Python's worker starts slowly on a busy machine
FAILURES = ("time-out", "crashed", "start-failed", "out-of-memory")


def words(language: str) -> dict[str, str]:
    data = yaml.safe_load((CONTENT / language / "counselor" / "tools.yml").read_text("utf-8"))
    return {str(key): str(value) for key, value in data.items()}


def viewer_words(language: str) -> dict[str, Any]:
    return dict(counselor_data(CONTENT, language)["viewer"])


def family_workbook(language: str = "nl") -> dict[str, Any]:
    """full_workbook, with a text of its own in every written answer, to find it again."""
    data = full_workbook(booklet(language))
    for answer in data["answers"]:
        value = answer.get("value") or {}
        if "text" in value:
            value["text"] = f"[written in {answer['activity']}]"
    return data


def family_file(data: dict[str, Any], language: str = "nl") -> str:
    loaded = booklet(language)
    return export_html(
        workbook_from_data(loaded, data), loaded, "family", created=WHEN, updated=LATER
    )


def left_out(data: dict[str, Any]) -> int:
    """What a family's copy holds that the child did not show: written or answered
    activities and cards not shown, plan points and goodbye pages not shown."""
    answers = sum(1 for a in data.get("answers", []) if a["state"] == "answered" and not a["share"])
    cards = sum(1 for c in data.get("cards", []) if c["state"] == "answered" and not c["share"])
    return answers + cards + sum(1 for g in data.get("guests", []) if not g.get("share"))


# A family's copy in the viewer (item 4) -----------------------------------------------------


def test_a_family_copy_in_the_viewer_shows_only_what_the_child_shared() -> None:
    """Unshared answers and goodbye pages are absent, every talk choice is listed first,
    and the cover says it is the family's copy and how many items were left out."""
    data = family_workbook()
    imported = read_export(family_file(data), booklets())
    guidance = viewer_words("en")
    page = BeautifulSoup(
        viewer_html(imported, booklet("en"), guidance, site_base="../../", index=0),
        "html.parser",
    )
    text = page.get_text()
    for answer in data["answers"]:
        written = (answer.get("value") or {}).get("text")
        if written:
            assert (written in text) == answer["share"], answer["activity"]
    talk = page.select_one(".talk-first")
    assert talk is not None
    for answer in data["answers"]:
        if answer["state"] == "talk":  # shown or not: the counselor sees the title
            assert booklet("en").activity(answer["activity"]).title in talk.get_text()  # type: ignore[union-attr]
    assert "Juf Anna" not in text  # a goodbye page the child did not show
    assert "@example.org" not in text  # no contact, ever
    cover = page.select_one(".family-copy")
    assert cover is not None
    count = left_out(data)
    assert count > 1
    assert guidance["family_copy"] in cover.get_text()
    assert guidance["left_out"]["other"].replace("{n}", str(count)) in cover.get_text()


def test_one_item_left_out_is_said_in_the_singular() -> None:
    """A family's copy with one private answer says "1 item has been left out"."""
    data = family_workbook()
    first = next(a for a in data["answers"] if a["state"] == "answered")
    for answer in data["answers"]:
        answer["share"] = answer is not first
    for guest in data["guests"]:
        guest["share"] = True
    guidance = viewer_words("nl")
    html = viewer_html(
        read_export(family_file(data), booklets()),
        booklet("nl"),
        guidance,
        site_base="../../",
        index=0,
    )
    assert guidance["left_out"]["one"].replace("{n}", "1") in html


def test_a_family_copy_of_cards_hides_private_cards_and_plan_points() -> None:
    """An older child's family copy in the viewer: a private card's answers and a private
    plan point are absent; a card kept for a talk is listed even when not shown."""
    loaded = booklet("nl")
    data = full_cards(loaded, ["gedeeld-antwoord", "prive-antwoord", "eigen-punt"])
    for card in data["cards"]:
        if card["state"] == "answered":
            card["share"] = False
            card["answers"] = {key: f"prive-{card['card']}" for key in card["answers"]}
        if card["state"] == "talk":
            card["share"] = False
    html = export_html(
        workbook_from_data(loaded, data), loaded, "family", created=WHEN, updated=LATER
    )
    prompts = booklet("en")
    page = BeautifulSoup(
        viewer_html(
            read_export(html, booklets()), prompts, viewer_words("en"), site_base="", index=3
        ),
        "html.parser",
    )
    text = page.get_text()
    assert "prive-" not in text
    assert "prive-antwoord" not in text  # the private plan point
    talk = page.select_one(".talk-first")
    assert talk is not None
    assert prompts.deck is not None
    for card in data["cards"]:
        if card["state"] == "talk":
            assert prompts.deck.card(card["card"]).theme in talk.get_text()  # type: ignore[union-attr]


# Counselor words for every failure (item 14) ----------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_file_problem_and_python_failure_has_counselor_words(language: str) -> None:
    """Each problem code Python can name, and each way Python itself can fail, has a
    sentence in the tools' words, and none is the children's booklet message."""
    said = words(language)
    child = set(booklet(language).messages.values())
    for code in MESSAGES:
        key = f"problem_{code.replace('-', '_')}"
        assert key in said, key
        assert said[key] not in child
        assert "score" not in said[key].lower()
    for failure in FAILURES:
        assert f"failure_{failure.replace('-', '_')}" in said, failure
    assert "score" not in said["problem_unknown"].lower()


# The trend chart (item 19) ----------------------------------------------------------------


def test_the_trend_compares_only_the_domains_scored_at_every_moment() -> None:
    """The review's case: 11 points over 4 domains, then 8 over 2 domains, each of
    which improved. The line must rise: it adds up only education and social."""
    checklist = load_checklist(CONTENT, "nl")
    filled = {
        "m6": {
            "domains": {
                "education": {"levels": ["below-average"]},
                "social": {"levels": ["satisfactory"]},
                "housing": {"levels": ["good"]},
                "health": {"levels": ["good"]},
            }
        },
        "m12": {"domains": {"education": {"levels": ["good"]}, "social": {"levels": ["good"]}}},
    }
    scores = scores_to_data(checklist, moments_from_data(checklist, filled))
    assert (scores["moments"]["m6"]["total"], scores["moments"]["m12"]["total"]) == (11, 8)
    trend = scores["trend"]
    assert trend["domains"] == ["education", "social"]
    assert trend["most"] == 8
    assert trend["points"] == [{"moment": "m6", "points": 5}, {"moment": "m12", "points": 8}]


# In the browser ---------------------------------------------------------------------------------


@pytest.fixture
def laptop(browser: Any) -> Iterator[Any]:
    context = new_profile(browser, viewport=DESKTOP, accept_downloads=True)
    yield context
    context.close()


def no_null(page: Any, step: str) -> None:
    """The screen never shows "null" or "undefined" for something left out."""
    shown = page.locator("body").inner_text()
    assert not re.search(r"\b(null|undefined)\b", shown), f"{step}: {shown[:300]}"


def type_code(page: Any, code: str) -> None:
    page.fill("#family-code", code)
    page.locator("form button[type=submit]").click()


def form_file(tmp_path: Path, code: str) -> Path:
    checklist = load_checklist(CONTENT, "nl")
    filled = {"moments": {"m6": {"domains": {"legal": {"levels": ["good"]}}}}}
    path = tmp_path / f"form-{len(list(tmp_path.iterdir()))}.html"
    path.write_text(
        monitoring_file_html(checklist, code, filled, created=WHEN, updated=LATER),
        encoding="utf-8",
    )
    return path


def too_large(tmp_path: Path) -> Path:
    from kaketoe._import import MAX_FILE_BYTES

    path = tmp_path / "huge.html"
    with path.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)
    return path


@pytest.mark.browser
def test_the_viewer_names_each_bad_file_in_counselor_words_and_shows_a_family_copy(
    laptop: Any, site_server: str, tmp_path: Path
) -> None:
    """Too large, damaged, or not a kaketoe file: the counselor's words, never the child's;
    a family's copy says so at the top; the nickname is isolated; one child per printed page."""
    said = words("en")
    data = family_workbook()
    data["profile"]["nickname"] = "\u202eNoor"
    family = tmp_path / "noor.html"
    family.write_text(family_file(data), encoding="utf-8")
    damaged = tmp_path / "cut.html"
    whole = family.read_text("utf-8")
    damaged.write_text(whole[: whole.rindex("</script>") - 40], encoding="utf-8")
    record = open_tool(laptop, site_server, "en", "viewer")
    page = record.page
    page.set_input_files(
        "#child-files",
        [str(family), str(too_large(tmp_path)), str(damaged), str(form_file(tmp_path, "F-1"))],
    )
    expect(page.locator(".report")).to_have_count(1, timeout=PYTHON_MS)
    alerts = page.locator(".child [role=alert]")
    expect(alerts).to_have_count(3, timeout=PYTHON_MS)
    expect(alerts.filter(has_text="huge.html")).to_contain_text(said["problem_file_too_large"])
    expect(alerts.filter(has_text="cut.html")).to_contain_text(said["problem_damaged"])
    expect(alerts.filter(has_text="form-")).to_contain_text(said["problem_not_an_export"])
    for message in booklet("en").messages.values():
        assert message not in page.locator("#children").inner_text()
    cover = page.locator(".report .family-copy")
    expect(cover).to_contain_text(viewer_words("en")["family_copy"])
    expect(cover).to_contain_text(f"{left_out(data)} items have been left out")
    close = page.locator(".child .no-print button").first
    expect(close.locator("bdi")).to_have_text("Noor")
    no_null(page, "viewer with files")

    page.set_input_files("#child-files", str(family))
    expect(page.locator(".report")).to_have_count(2, timeout=PYTHON_MS)
    page.emulate_media(media="print")
    breaks = page.evaluate(
        "[...document.querySelectorAll('#children > .child')].map("
        "(c) => getComputedStyle(c).breakBefore)"
    )
    assert breaks[1:] == ["page"] * (len(breaks) - 1)
    assert record.problems()["console errors"] == []


@pytest.mark.browser
def test_a_form_tool_names_file_problems_and_python_failures_in_its_own_words(
    laptop: Any, browser: Any, site_server: str, tmp_path: Path
) -> None:
    """A too-large file or a child's file opened in a form tool, and a Python that cannot
    start: each is named for what it is, never as "scores", and never with "null"."""
    said = words("nl")
    page = open_tool(laptop, site_server, "nl", "risk-form").page
    no_null(page, "choosing a family")
    result = page.locator("#file-result")
    page.set_input_files("#form-file", str(too_large(tmp_path)))
    expect(result).to_have_text(said["problem_file_too_large"], timeout=PYTHON_MS)
    no_null(page, "a file too large")
    child = tmp_path / "kind.html"
    child.write_text(family_file(family_workbook()), encoding="utf-8")
    page.set_input_files("#form-file", str(child))
    expect(result).to_have_text(said["problem_not_an_export"], timeout=PYTHON_MS)
    monitoring = open_tool(laptop, site_server, "nl", "monitoring").page
    monitoring.set_input_files("#form-file", str(form_file(tmp_path, "G-12")))
    expect(monitoring.locator("#file-result")).to_contain_text("G-12", timeout=PYTHON_MS)
    no_null(monitoring, "a form file's preview")

    broken = new_profile(browser, viewport=DESKTOP)
    try:
        broken.add_init_script(
            "window.Worker = class { constructor() { throw new Error('no worker'); } };"
        )
        tool = open_tool(broken, site_server, "nl", "monitoring").page
        tool.set_input_files("#form-file", str(form_file(tmp_path, "G-13")))
        found = tool.locator("#file-result")
        expect(found).to_contain_text(said["failure_start_failed"], timeout=PYTHON_MS)
        expect(found).to_contain_text(said["file_not_opened"])
        assert said["scores_failed"] not in found.inner_text()  # the file was not scored
        type_code(tool, "G-13")
        status = tool.locator("#python-status")
        expect(status).to_contain_text(said["failure_start_failed"], timeout=PYTHON_MS)
        expect(status).to_contain_text(said["scores_failed"])
        no_null(tool, "Python could not start")
    finally:
        broken.close()


@pytest.mark.browser
def test_codes_that_only_look_like_a_family_here_never_become_a_new_family_unasked(
    laptop: Any, site_server: str, tmp_path: Path
) -> None:
    """Against G-0231: "G-0231 " opens it; "\\u202e1320-G" (shown as G-0231) and a form
    file with that code ask first and can open it; a Cyrillic "\u0405-0231" is warned about."""
    said = words("nl")
    page = open_tool(laptop, site_server, "nl", "monitoring").page
    type_code(page, "G-0231")
    page.check("#legal-some-gaps-0")
    expect(page.locator("#saved")).to_have_text(said["saved"])
    no_null(page, "the form")

    page.reload()
    type_code(page, "G-0231 ")
    page.wait_for_selector(".domain")
    assert page.locator("#legal-some-gaps-0").is_checked()

    page.reload()
    type_code(page, "\u202e1320-G")
    warning = page.locator("#code-warning")
    expect(warning).to_contain_text(said["code_looks_like"])
    no_null(page, "a code that looks like another")
    assert axe_violations(page) == [], "the warning"
    warning.get_by_role("button", name=f"{said['code_open_existing']}: G-0231").click()
    page.wait_for_selector(".domain")
    assert page.locator("#legal-some-gaps-0").is_checked()
    expect(page.locator(".family bdi")).to_have_text("G-0231")

    page.reload()
    type_code(page, "\u0405-0231")
    expect(warning).to_contain_text(said["code_other_letters"].split("{letters}")[0])
    expect(warning).to_contain_text("\u0405")

    page.reload()
    page.set_input_files("#form-file", str(form_file(tmp_path, "\u202e1320-G")))
    result = page.locator("#file-result")
    expect(result).to_contain_text(said["file_looks_like"], timeout=PYTHON_MS)
    no_null(page, "a form file whose code looks like another")
    result.get_by_role("button", name=f"{said['file_on_existing']}: G-0231").click()
    page.wait_for_selector(".domain")
    expect(page.locator(".family bdi")).to_have_text("G-0231")

    page.reload()
    codes = page.locator(".codes .button bdi")
    expect(codes).to_have_text(["G-0231"])  # one family, never a look-alike next to it


@pytest.mark.browser
def test_one_familys_form_in_two_tabs_loses_nothing(laptop: Any, site_server: str) -> None:
    """A second tab on the same family says the form is open elsewhere; taking it over
    carries every tick of the first tab, which says where the form went."""
    said = words("nl")
    first = open_tool(laptop, site_server, "nl", "monitoring").page
    second = open_tool(laptop, site_server, "nl", "monitoring").page
    type_code(first, "G-7")
    first.check("#legal-some-gaps-0")
    type_code(second, "G-7")
    expect(second.locator("[role=alert]")).to_contain_text(said["open_elsewhere"])
    assert second.locator(".domain").count() == 0
    no_null(second, "open in another tab")
    assert axe_violations(second) == [], "open in another tab"
    second.get_by_role("button", name=said["take_over"]).click()
    second.wait_for_selector(".domain")
    assert second.locator("#legal-some-gaps-0").is_checked()  # the first tab's tick
    expect(first.locator("[role=alert]")).to_contain_text(said["taken_over"])
    no_null(first, "taken over")
    second.check("#housing-good-3")
    expect(second.locator("#saved")).to_have_text(said["saved"])

    first.get_by_role("button", name=said["take_back"]).click()
    expect(second.locator("[role=alert]")).to_contain_text(said["taken_over"])
    first.wait_for_selector(".domain")
    assert first.locator("#legal-some-gaps-0").is_checked()
    assert first.locator("#housing-good-3").is_checked()  # the second tab's tick


@pytest.mark.browser
def test_the_trend_chart_plots_what_can_be_compared_and_says_so(
    laptop: Any, site_server: str
) -> None:
    """The review's case in the tool: the line rises from 5 to 8 of 8, and the words
    under the chart name the two domains it adds up."""
    said = words("en")
    checklist = yaml.safe_load((CONTENT / "en/counselor/monitoring.yml").read_text("utf-8"))
    labels = [moment["label"] for moment in checklist["moments"]]
    titles = {domain["id"]: domain["title"] for domain in checklist["domains"]}
    page = open_tool(laptop, site_server, "en", "monitoring").page
    type_code(page, "F-11")
    for box in ("education-below-average", "social-satisfactory", "housing-good", "health-good"):
        page.check(f"#{box}")
    expect(page.locator("#total-m6")).to_contain_text("11 of 25", timeout=PYTHON_MS)
    page.locator(".moments .button").nth(1).click()
    page.check("#education-good")
    page.check("#social-good")
    expect(page.locator("#total-m12")).to_contain_text("8 of 25", timeout=PYTHON_MS)
    expect(page.locator(".trend svg")).to_have_attribute(
        "aria-label", f"{said['trend']}: {labels[0]}: 5 of 8; {labels[1]}: 8 of 8"
    )
    expect(page.locator("#trend-plotted")).to_contain_text(
        f"{titles['education']}, {titles['social']}"
    )
    no_null(page, "the trend")
