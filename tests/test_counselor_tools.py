"""The counselor tools in Chromium on a laptop: the monitoring checklist."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml
from axe import axe_violations
from conftest import new_profile, profile_before_python
from page_visit import DESKTOP, PageVisit, visit
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CONTENT = Path(__file__).resolve().parent.parent / "content"
# What Python works out appears once its worker has started: on a busy machine
# that takes longer than Playwright's usual five seconds.
PYTHON_MS = 120_000


def words(language: str) -> dict[str, str]:
    data = yaml.safe_load((CONTENT / language / "counselor" / "tools.yml").read_text("utf-8"))
    return {str(key): str(value) for key, value in data.items()}


@pytest.fixture
def laptop(browser: Any) -> Iterator[Any]:
    context = new_profile(browser, viewport=DESKTOP)
    yield context
    context.close()


@pytest.fixture
def laptop_before_python(browser: Any) -> Iterator[Any]:
    """A laptop profile in which the tools' Python is held back (conftest.PYTHON_HELD_BACK)."""
    yield from profile_before_python(browser, viewport=DESKTOP)


@pytest.fixture
def installable_laptop(browser: Any) -> Iterator[Any]:
    """A laptop profile where the app's service worker may install (for working offline)."""
    context = new_profile(browser, service_workers=True, viewport=DESKTOP)
    yield context
    context.close()


# The tool has drawn its first screen: a family's code to type, or files to open.
TOOL_DRAWN = "#family-code, #child-files"


def open_tool(context: Any, site_server: str, language: str, tool: str) -> PageVisit:
    record = visit(
        context, urljoin(site_server, f"app/{language}/{tool}/"), site_server, ready=TOOL_DRAWN
    )
    assert record.status == 200
    return record


def open_family(page: Any, code: str) -> None:
    page.fill("#family-code", code)
    page.locator("form button[type=submit]").click()
    page.wait_for_selector("#python-status")  # the form of that family is open


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_counselor_scores_two_moments_and_finds_them_again(
    laptop: Any, site_server: str, language: str
) -> None:
    said = words(language)
    record = open_tool(laptop, site_server, language, "monitoring")
    page = record.page
    assert axe_violations(page) == [], "choosing a family"
    open_family(page, "G-0231")
    # The handbook's example at 6 months: a clean house (good), but no place to
    # study (below average): housing is below average, 1 point.
    page.check("#housing-good-3")
    page.check("#housing-below-average-2")
    expect(page.locator("#level-housing")).to_contain_text(f"(1 {said['of']} 3)", timeout=PYTHON_MS)
    expect(page.locator("#total-m6")).to_contain_text(f"1 {said['of']} 25", timeout=PYTHON_MS)
    assert axe_violations(page) == [], "the checklist"

    # At 12 months every domain fits its top level as a whole: 25 of 25.
    page.locator(".moments .button").nth(1).click()
    expect(page.locator(".moments .button").nth(1)).to_have_attribute("aria-pressed", "true")
    for domain in ("education", "social", "housing", "health", "family", "finance"):
        page.check(f"#{domain}-good")
    page.check("#legal-good")
    page.check("#safety-safe")
    expect(page.locator("#total-m12")).to_contain_text(f"25 {said['of']} 25", timeout=PYTHON_MS)
    # The line adds up housing only: the one domain scored at both moments.
    expect(page.locator(".trend svg")).to_have_attribute(
        "aria-label",
        f"{said['trend']}: "
        + "; ".join(
            [f"{label}: {points} {said['of']} 3" for label, points in moment_labels(language)]
        ),
    )
    page.fill("#note-safety", "Gesprek met school gepland")
    page.wait_for_timeout(600)  # saved after a short pause

    page.reload()
    page.locator(".codes .button", has_text="G-0231").click()
    page.wait_for_selector(".domain")
    assert page.locator("#housing-below-average-2").is_checked()
    expect(page.locator("#total-m12")).to_contain_text(f"25 {said['of']} 25", timeout=PYTHON_MS)
    page.locator(".moments .button").nth(1).click()
    assert page.locator("#note-safety").input_value() == "Gesprek met school gepland"
    assert record.problems()["console errors"] == []
    assert record.problems()["requests to another origin"] == []


def moment_labels(language: str) -> list[tuple[str, int]]:
    data = yaml.safe_load((CONTENT / language / "counselor" / "monitoring.yml").read_text("utf-8"))
    labels = [moment["label"] for moment in data["moments"]]
    return [(labels[0], 1), (labels[1], 3)]


def test_without_python_the_form_works_and_keeps_what_was_filled_in(
    laptop: Any, site_server: str
) -> None:
    laptop.add_init_script(
        "window.Worker = class { constructor() { throw new Error('no worker'); } };"
    )
    said = words("nl")
    page = open_tool(laptop, site_server, "nl", "monitoring").page
    open_family(page, "G-7")
    page.check("#legal-some-gaps-0")
    status = page.locator("#python-status")
    expect(status).to_contain_text(said["scores_failed"], timeout=PYTHON_MS)
    assert status.locator("button").inner_text() == said["retry"]
    page.wait_for_timeout(600)
    page.reload()
    page.locator(".codes .button", has_text="G-7").click()
    page.wait_for_selector(".domain")
    assert page.locator("#legal-some-gaps-0").is_checked()


# A4 is 595 x 842 points; Chromium writes it with decimals.
A4_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+59[45](\.\d+)?\s+84[12](\.\d+)?\s*\]")


def risk_form(language: str) -> dict[str, Any]:
    data = yaml.safe_load((CONTENT / language / "counselor" / "risk-form.yml").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_counselor_fills_in_the_risk_form_and_sees_what_is_present(
    laptop: Any, site_server: str, language: str
) -> None:
    said = words(language)
    form = risk_form(language)
    child = form["domains"][0]
    record = open_tool(laptop, site_server, language, "risk-form")
    page = record.page
    open_family(page, "G-0231")
    page.fill("#detail-age", "8")
    page.select_option(f"#presence-{child['risk'][0]['id']}", "yes")
    page.fill(f"#note-{child['risk'][0]['id']}", "Slaapt slecht sinds de brief")
    page.select_option(f"#presence-{child['risk'][1]['id']}", "unknown")
    page.select_option(f"#presence-{child['protective'][4]['id']}", "yes")
    page.get_by_role("button", name=f"{said['add_factor']}: {child['protective_title']}").click()
    assert page.evaluate("document.activeElement.id") == "added-0"
    page.keyboard.type("Zingt graag")
    page.select_option("#added-presence-0", "yes")
    page.check("#measure-psychosocial")
    summary = page.locator("#summary")
    expect(summary.locator("#summary-child + h4 + ul")).to_have_text(
        child["risk"][0]["label"], timeout=PYTHON_MS
    )
    expect(summary).to_contain_text("Zingt graag", timeout=PYTHON_MS)
    expect(summary).to_contain_text(child["risk"][1]["label"])  # not known
    measures = {m["id"]: m["label"] for m in form["measures"]}
    expect(summary.locator("ul").last).to_have_text(measures["psychosocial"])
    assert axe_violations(page) == []
    page.wait_for_timeout(600)

    page.reload()
    page.locator(".codes .button", has_text="G-0231").click()
    page.wait_for_selector(".risk-domain")
    assert page.locator(f"#presence-{child['risk'][0]['id']}").input_value() == "yes"
    assert page.locator(f"#note-{child['risk'][0]['id']}").input_value().startswith("Slaapt")
    assert page.locator("#added-0").input_value() == "Zingt graag"
    assert page.locator("#measure-psychosocial").is_checked()
    page.get_by_role("button", name=said["remove"]).click()
    expect(page.locator("#added-0")).to_have_count(0)
    assert record.problems()["console errors"] == []
    assert record.problems()["requests to another origin"] == []


@pytest.mark.parametrize("tool", ["monitoring", "risk-form"])
def test_a_filled_in_form_prints_on_a4_without_the_tools_buttons(
    laptop_before_python: Any, site_server: str, tool: str
) -> None:
    page = open_tool(laptop_before_python, site_server, "nl", tool).page
    open_family(page, "G-1")
    page.emulate_media(media="print")
    assert page.locator(".bar").is_hidden()
    assert page.get_by_role("button", name=words("nl")["print"]).is_hidden()
    assert page.locator("h1").is_visible()
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert A4_MEDIA_BOX.search(pdf)
    page.emulate_media(media="screen")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name=words("nl")["print"]).click()
    assert page.evaluate("window.printed") == 1


@pytest.mark.parametrize(("language", "folder"), [("nl", ""), ("en", "en/")])
def test_the_section_for_counselors_opens_every_tool(
    laptop_before_python: Any, site_server: str, language: str, folder: str
) -> None:
    page = visit(
        laptop_before_python, urljoin(site_server, f"{folder}counselor/"), site_server
    ).page
    targets = [
        urljoin(page.url, link.get_attribute("href") or "")
        for link in page.locator("article a.md-button").all()
    ]
    assert targets == [
        urljoin(site_server, f"app/{language}/viewer/"),
        urljoin(site_server, f"app/{language}/monitoring/"),
        urljoin(site_server, f"app/{language}/risk-form/"),
    ]
    page.locator("article a.md-button").nth(1).click()
    page.wait_for_selector("#family-code")
    page.locator(".bar__back").click()  # and back to the section
    page.wait_for_url(urljoin(site_server, f"{folder}counselor/"))


def save_file(page: Any, target: Path) -> str:
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name=words(page_language(page))["save_file"]).click()
    download.value.save_as(target)
    return target.read_text(encoding="utf-8")


def page_language(page: Any) -> str:
    return str(page.evaluate("document.documentElement.lang"))


def test_a_form_goes_to_another_computer_as_a_file(
    laptop: Any, browser: Any, site_server: str, tmp_path: Path
) -> None:
    """Saved as a file, checked by the package, opened on a fresh browser: the same ticks;
    a changed file, or the other tool's file, is refused with a clear message."""
    from kaketoe._form_file import read_form_file
    from kaketoe._monitoring import load_checklist
    from kaketoe._risk_form import load_risk_form

    said = words("en")
    page = open_tool(laptop, site_server, "en", "monitoring").page
    open_family(page, "F-0231")
    page.check("#housing-good-3")
    page.check("#housing-below-average-2")
    page.fill("#note-housing", "Moving in May")
    expect(page.locator("#total-m6")).to_contain_text("1 of 25", timeout=PYTHON_MS)
    text = save_file(page, tmp_path / "monitoring.html")
    checklists = {language: load_checklist(CONTENT, language) for language in ("nl", "en")}
    risk_forms = {language: load_risk_form(CONTENT, language) for language in ("nl", "en")}
    read = read_form_file(text, checklists, risk_forms)
    assert (read.kind, read.code) == ("monitoring", "F-0231")
    assert read.content["moments"]["m6"]["domains"]["housing"]["note"] == "Moving in May"

    other = new_profile(browser, viewport=DESKTOP)
    try:
        fresh = open_tool(other, site_server, "en", "monitoring").page
        tampered = tmp_path / "tampered.html"
        tampered.write_text(text.replace("Moving in May", "Moving in June"), encoding="utf-8")
        fresh.set_input_files("#form-file", str(tampered))
        expect(fresh.locator("#file-result")).to_have_text(
            said["problem_checksum"], timeout=PYTHON_MS
        )
        assert fresh.locator(".codes").count() == 0  # nothing was stored

        risk = open_tool(other, site_server, "en", "risk-form").page
        risk.set_input_files("#form-file", str(tmp_path / "monitoring.html"))
        expect(risk.locator("#file-result")).to_have_text(
            said["file_wrong_tool"], timeout=PYTHON_MS
        )

        fresh.set_input_files("#form-file", str(tmp_path / "monitoring.html"))
        expect(fresh.locator("#file-result")).to_contain_text("F-0231", timeout=PYTHON_MS)
        fresh.get_by_role("button", name=said["file_apply"]).click()
        fresh.wait_for_selector("#python-status")
        assert fresh.locator("#housing-below-average-2").is_checked()
        assert fresh.locator("#note-housing").input_value() == "Moving in May"
        expect(fresh.locator("#total-m6")).to_contain_text("1 of 25", timeout=PYTHON_MS)

        fresh.reload()  # a second time: the code is there, so the file replaces it only on request
        fresh.set_input_files("#form-file", str(tmp_path / "monitoring.html"))
        expect(fresh.locator("#file-result")).to_contain_text(
            said["file_exists"], timeout=PYTHON_MS
        )
        expect(fresh.get_by_role("button", name=said["file_replace"])).to_be_visible()
    finally:
        other.close()


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def hostile_file(tmp_path: Path) -> Path:
    """A valid child's file whose every text is an attack on the page that shows it."""
    from workbook_samples import HOSTILE, LATER, WHEN, booklet, full_workbook

    from kaketoe import export_html, workbook_from_data

    loaded = booklet("nl")
    data = full_workbook(loaded, HOSTILE)
    data["profile"]["nickname"] = "<img src=x onerror=alert(9)>"
    html = export_html(
        workbook_from_data(loaded, data), loaded, "family", created=WHEN, updated=LATER
    )
    path = tmp_path / "hostile.html"
    path.write_text(html, encoding="utf-8")
    return path


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_viewer_shows_siblings_side_by_side_talk_first_and_refuses_bad_files(
    laptop: Any, site_server: str, language: str, tmp_path: Path
) -> None:

    record = open_tool(laptop, site_server, language, "viewer")
    page = record.page
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    assert axe_violations(page) == [], "empty viewer"
    bad = tmp_path / "notes.html"
    bad.write_text("<html><body>Notes</body></html>", encoding="utf-8")
    page.set_input_files(
        "#child-files",
        [
            str(FIXTURES / "export-v1-nl-family.html"),
            str(FIXTURES / "export-v1-ar-counselor.html"),
            str(bad),
            str(hostile_file(tmp_path)),
        ],
    )
    expect(page.locator(".report")).to_have_count(3, timeout=PYTHON_MS)
    alert = page.locator(".child [role=alert]")
    expect(alert).to_contain_text(words(language)["problem_not_an_export"])  # the counselor's words
    # The questions are in the counselor's language, whatever the child's.
    assert page.locator(".report").nth(1).get_attribute("lang") == language
    # What the child would rather talk about comes first, with the handbook's guidance.
    talk = page.locator(".report").nth(1).locator(".talk-first li").first
    expect(talk).to_be_visible()
    assert talk.locator("a").count() >= 2
    # The hostile file is shown as text: no script ran, nothing was fetched.
    hostile = page.locator(".report").nth(2)
    expect(hostile.locator(".cover h2")).to_have_text("<img src=x onerror=alert(9)>")
    assert hostile.locator("img[src=x]").count() == 0
    assert page.evaluate("document.querySelectorAll('.report script').length") == 0
    assert dialogs == []
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map((e) => e.id)")
    assert len(ids) == len(set(ids)), "every id once, with several files open"
    assert axe_violations(page) == [], "viewer with files"
    # A handbook link lands on its heading.
    href = talk.locator("a").first.get_attribute("href") or ""
    talk.locator("a").first.click()
    page.wait_for_url(f"**/{href.split('../')[-1]}")
    assert page.locator(f"[id='{href.split('#')[1]}']").count() == 1
    assert record.problems()["requests to another origin"] == []
    assert record.problems()["console errors"] == []


def test_the_viewer_shows_the_road_and_prints_on_a4_without_its_controls(
    laptop: Any, site_server: str
) -> None:
    from workbook_samples import booklet

    page = open_tool(laptop, site_server, "en", "viewer").page
    page.set_input_files("#child-files", str(FIXTURES / "export-v1-nl-family.html"))
    report = page.locator(".report")
    expect(report).to_have_count(1, timeout=PYTHON_MS)
    road = report.locator("ol.road")
    assert road.count() == len(booklet("en").parts)
    assert road.locator("img").count() >= 1  # the stickers the child placed
    page.emulate_media(media="print")
    assert page.locator("#drop").is_hidden()
    assert report.is_visible()
    assert A4_MEDIA_BOX.search(page.pdf(prefer_css_page_size=True, print_background=True))


DROP = """([name, text]) => {
  const transfer = new DataTransfer();
  transfer.items.add(new File([text], name, { type: "text/html" }));
  const drop = document.getElementById("drop");
  const init = { dataTransfer: transfer, bubbles: true, cancelable: true };
  drop.dispatchEvent(new DragEvent("dragover", init));
  drop.dispatchEvent(new DragEvent("drop", init));
}"""


def test_files_dropped_on_the_viewer_open_and_a_damaged_one_is_named(
    laptop: Any, site_server: str
) -> None:

    page = open_tool(laptop, site_server, "nl", "viewer").page
    text = (FIXTURES / "export-v1-ar-counselor.html").read_text(encoding="utf-8")
    page.evaluate(DROP, ["noor.html", text])
    expect(page.locator(".report")).to_have_count(1, timeout=PYTHON_MS)
    page.evaluate(DROP, ["kapot.html", text[: text.rindex("</script>") - 40]])
    alert = page.locator(".child [role=alert]")
    expect(alert).to_contain_text("kapot.html", timeout=PYTHON_MS)
    assert words("nl")["problem_damaged"] in alert.inner_text()
    page.locator(".child", has=page.locator("[role=alert]")).get_by_role("button").click()
    expect(alert).to_have_count(0)
    expect(page.locator(".report")).to_have_count(1)


def test_a_risk_form_goes_to_another_computer_as_a_file(
    laptop: Any, browser: Any, site_server: str, tmp_path: Path
) -> None:
    form = risk_form("nl")
    factor = form["domains"][1]["risk"][0]["id"]
    page = open_tool(laptop, site_server, "nl", "risk-form").page
    open_family(page, "G-55")
    page.select_option(f"#presence-{factor}", "unknown")
    page.fill(f"#note-{factor}", "Navragen bij de school")
    page.check("#measure-education")
    save_file(page, tmp_path / "risk.html")
    other = new_profile(browser, viewport=DESKTOP)
    try:
        fresh = open_tool(other, site_server, "nl", "risk-form").page
        fresh.set_input_files("#form-file", str(tmp_path / "risk.html"))
        expect(fresh.locator("#file-result")).to_contain_text("G-55", timeout=PYTHON_MS)
        fresh.get_by_role("button", name=words("nl")["file_apply"]).click()
        fresh.wait_for_selector(".risk-domain")
        assert fresh.locator(f"#presence-{factor}").input_value() == "unknown"
        assert fresh.locator(f"#note-{factor}").input_value() == "Navragen bij de school"
        assert fresh.locator("#measure-education").is_checked()
    finally:
        other.close()


COUNT_CACHED = """async () => {
  const names = await caches.keys();
  return names.length ? (await (await caches.open(names[0])).keys()).length : 0;
}"""


def test_the_viewer_works_offline_after_the_first_visit(
    installable_laptop: Any, site_server: str
) -> None:
    """A counselor with no network opens a child's file: page, Python and booklets are cached."""
    page = open_tool(installable_laptop, site_server, "en", "viewer").page
    page.evaluate("() => navigator.serviceWorker.ready")
    for _ in range(240):  # until the service worker has cached the app
        if page.evaluate(COUNT_CACHED) > 20:
            break
        page.wait_for_timeout(250)
    installable_laptop.set_offline(True)
    page.reload()
    page.set_input_files("#child-files", str(FIXTURES / "export-v1-nl-family.html"))
    expect(page.locator(".report")).to_have_count(1, timeout=PYTHON_MS)
    tools = open_tool(installable_laptop, site_server, "en", "monitoring").page
    open_family(tools, "F-1")
    expect(tools.locator("#total-m6")).to_contain_text("0 of 25", timeout=PYTHON_MS)
