"""The counselor's forms as data: the monitoring checklist (appendix 9) with its
scores, and the form for risk and protective factors (appendix 5).

The scores are checked against cases worked out by hand from the handbook's
tables: points per level (education and social 4-3-2-1; housing and finance
3-2-1-0; health 3-2-(none)-1; legal 3-1-0; safety 2-1-0; family 3-2-1-0),
the lowest-level rule, and the highest total, 4+4+3+3+3+2+3+3 = 25.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from kaketoe._checks import AnswerError
from kaketoe._form_file import monitoring_file_html, read_form_file, risk_form_file_html
from kaketoe._import import ImportProblem
from kaketoe._monitoring import (
    Checklist,
    ChecklistError,
    DomainCheck,
    MomentCheck,
    checklist_from_data,
    domain_check_to_data,
    domain_level,
    load_checklist,
    moment_check_from_data,
    moment_score,
    trend,
)
from kaketoe._risk_form import (
    RiskFormError,
    assessment_from_data,
    assessment_to_data,
    load_risk_form,
    measures_needed,
    risk_form_from_data,
    summary,
)
from kaketoe.cli import check_content

CONTENT = Path(__file__).resolve().parent.parent / "content"
LANGUAGES = ("nl", "en")


@pytest.fixture(scope="module")
def checklist() -> Checklist:
    return load_checklist(CONTENT, "nl")


def ticks(*indicators: tuple[str, int], levels: tuple[str, ...] = ()) -> DomainCheck:
    return DomainCheck(frozenset(indicators), frozenset(levels))


# The checklist as data ---------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_checklist_has_the_handbooks_domains_levels_and_points(language: str) -> None:
    loaded = load_checklist(CONTENT, language)
    points = {d.id: [level.points for level in d.levels] for d in loaded.domains}
    assert points == {
        "education": [4, 3, 2, 1],
        "social": [4, 3, 2, 1],
        "housing": [3, 2, 1, 0],
        "health": [3, 2, None, 1],
        "legal": [3, 1, 0],
        "safety": [2, 1, 0],
        "family": [3, 2, 1, 0],
        "finance": [3, 2, 1, 0],
    }
    assert [m.months for m in loaded.moments] == [6, 12, 18]
    assert loaded.most == 25


def test_a_checklist_whose_points_go_up_is_refused(checklist: Checklist) -> None:
    """Points that go up, or a field the checklist does not have, are refused with the domain."""
    data = yaml.safe_load((CONTENT / "nl" / "counselor" / "monitoring.yml").read_text("utf-8"))
    broken = copy.deepcopy(data)
    broken["domains"][0]["levels"][0]["points"] = 1
    with pytest.raises(ChecklistError, match="from the most points to the fewest"):
        checklist_from_data(broken, "nl")
    unknown = copy.deepcopy(data)
    unknown["domains"][1]["colour"] = "red"
    with pytest.raises(ChecklistError, match=r"domain 'social': unknown field\(s\) colour"):
        checklist_from_data(unknown, "nl")


# Scores, worked out by hand ------------------------------------------------------------------


def test_the_handbooks_own_example_clean_house_but_no_place_to_study(
    checklist: Checklist,
) -> None:
    """Appendix 9's example: the house is clean (good) but the child has no place to
    study (below average): housing is 'below average', 1 point."""
    housing = checklist.domain("housing")
    assert housing is not None
    assert housing.levels[0].indicators[3].startswith("Het huis is schoon")
    assert "plek om te studeren" in housing.levels[2].indicators[2]
    level = domain_level(housing, ticks(("good", 3), ("below-average", 2)))
    assert level is not None
    assert (level.id, level.points) == ("below-average", 1)


def test_a_moment_adds_up_the_points_of_the_scored_domains(checklist: Checklist) -> None:
    moment = MomentCheck(
        date="2027-03-01",
        domains={
            "education": ticks(("satisfactory", 0)),  # 3
            "social": ticks(("good", 0), ("good", 2)),  # 4
            "housing": ticks(("good", 3), ("below-average", 2)),  # 1
            "health": ticks(levels=("below-average",)),  # a level without points
            "legal": ticks(("some-gaps", 0)),  # 1
            "safety": ticks(("safe", 0)),  # 2
            "family": ticks(("good", 1), ("satisfactory", 0)),  # 2
            "finance": ticks(("unsatisfactory", 1)),  # 0
        },
    )
    score = moment_score(checklist, "m6", moment)
    assert score.total == 3 + 4 + 1 + 1 + 2 + 2 + 0 == 13
    assert score.scored == 7
    assert not score.complete
    assert score.most == 25
    health = next(d for d in score.domains if d.domain == "health")
    assert (health.level, health.points) == ("below-average", None)
    finance = next(d for d in score.domains if d.domain == "finance")
    assert (finance.level, finance.points, finance.most) == ("unsatisfactory", 0, 3)


def test_the_lowest_level_wins_even_past_a_level_without_points(checklist: Checklist) -> None:
    health = checklist.domain("health")
    assert health is not None
    level = domain_level(health, ticks(("unsatisfactory", 0), levels=("below-average", "good")))
    assert level is not None
    assert (level.id, level.points) == ("unsatisfactory", 1)
    assert domain_level(health, ticks()) is None


def test_the_trend_has_a_total_for_every_moment_with_something_ticked(
    checklist: Checklist,
) -> None:
    all_good = {
        d.id: ticks(levels=(d.levels[0].id,)) for d in checklist.domains
    }  # the top of every domain
    moments = {
        "m6": MomentCheck(domains={"education": ticks(("unsatisfactory", 3))}),  # 1
        "m12": MomentCheck(domains=all_good),  # 25
        "m18": MomentCheck(),  # nothing ticked yet
    }
    found = trend(checklist, moments)
    assert [(s.moment, s.total, s.scored) for s in found] == [("m6", 1, 1), ("m12", 25, 8)]
    assert found[1].complete


def test_what_was_ticked_reads_back_and_bad_ticks_are_refused(checklist: Checklist) -> None:
    data: dict[str, Any] = {
        "date": "2027-09-01",
        "domains": {"legal": {"indicators": [["administrative-invisibility", 2]], "note": "Geen"}},
    }
    moment = moment_check_from_data(checklist, data, "m12")
    assert domain_check_to_data(moment.domains["legal"]) == {
        "indicators": [["administrative-invisibility", 2]],
        "levels": [],
        "note": "Geen",
    }
    for bad, message in (
        ({"domains": {"weather": {}}}, "there is no domain 'weather'"),
        ({"domains": {"legal": {"indicators": [["good", 1]]}}}, "no indicator 1 of level 'good'"),
        ({"domains": {"legal": {"indicators": [["good", True]]}}}, r"\[level id, number\]"),
        ({"domains": {"legal": {"levels": ["excellent"]}}}, "there is no level 'excellent'"),
        ({"date": "x" * 41}, "at most 40 characters"),
        ({"domains": {"legal": {"note": 5}}}, "must be text"),
    ):
        with pytest.raises(ChecklistError, match=message):
            moment_check_from_data(checklist, bad, "m12")


# The form for risk and protective factors ----------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_risk_form_has_four_domains_and_six_measures(language: str) -> None:
    form = load_risk_form(CONTENT, language)
    assert [d.id for d in form.domains] == ["child", "family", "school", "society"]
    assert all(d.risk and d.protective for d in form.domains)
    assert [m.id for m in form.measures] == [
        "none",
        "safety",
        "medical",
        "psychosocial",
        "education",
        "other",
    ]
    assert "name" not in {d.id for d in form.details}  # a family code, never a child's name


def test_the_summary_lists_what_is_present_and_adds_nothing_up() -> None:
    form = load_risk_form(CONTENT, "nl")
    child = form.domains[0]
    filled = assessment_from_data(
        form,
        {
            "details": {"age": "8"},
            "factors": {
                child.risk[0].id: {"presence": "yes", "note": "Slaapt slecht"},
                child.risk[1].id: {"presence": "no"},
                child.risk[2].id: {"presence": "unknown"},
                child.protective[4].id: {"presence": "yes"},
            },
            "added": [
                {"domain": "child", "kind": "protective", "label": "Zingt graag", "presence": "yes"}
            ],
            "measures": {"psychosocial": {"needed": True, "note": "Praten op school"}},
        },
    )
    found = {s.domain: s for s in summary(form, filled)}
    assert found["child"].present["risk"] == (child.risk[0].label,)
    assert found["child"].unknown["risk"] == (child.risk[2].label,)
    assert found["child"].present["protective"] == (child.protective[4].label, "Zingt graag")
    assert found["child"].open["risk"] == len(child.risk) - 3
    assert found["family"].present == {"risk": (), "protective": ()}
    assert not hasattr(found["child"], "total")  # the handbook: not a balance
    assert measures_needed(form, filled) == ("psychosocial",)
    assert assessment_from_data(form, assessment_to_data(filled)) == filled


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"factors": {"flying-cars": {"presence": "yes"}}}, "there is no factor 'flying-cars'"),
        ({"factors": {"poor-health": {"presence": "maybe"}}}, "must be one of yes, no, unknown"),
        ({"details": {"name": "Sami"}}, "there is no field 'name'"),
        ({"measures": {"other": {"needed": "yes"}}}, "must be true or false"),
        ({"added": [{"domain": "moon", "kind": "risk", "label": "x"}]}, "no domain 'moon'"),
        ({"added": [{"domain": "child", "kind": "worry", "label": "x"}]}, "risk or protective"),
        ({"factors": {"poor-health": {"note": "x" * 2001}}}, "at most 2000 characters"),
        ({"colour": "red"}, r"unknown field\(s\) colour"),
    ],
)
def test_a_wrong_filled_in_form_is_refused_with_where_and_what(
    data: dict[str, Any], message: str
) -> None:
    form = load_risk_form(CONTENT, "en")
    with pytest.raises(RiskFormError, match=message):
        assessment_from_data(form, data)


def test_a_risk_form_with_a_factor_id_twice_is_refused() -> None:
    data = yaml.safe_load((CONTENT / "en" / "counselor" / "risk-form.yml").read_text("utf-8"))
    data["domains"][1]["risk"].append(dict(data["domains"][0]["risk"][0]))
    with pytest.raises(RiskFormError, match="factor id"):
        risk_form_from_data(data, "en")


def test_check_content_names_a_translation_whose_ids_differ(tmp_path: Path) -> None:
    """A translated checklist with other points is named with its domain, level and field."""
    for language in ("nl", "en"):
        folder = tmp_path / language / "counselor"
        folder.mkdir(parents=True)
        (tmp_path / language / "handbook").mkdir()
        for name in ("appendix-5-form.md", "appendix-9-monitoring-checklist.md"):
            (tmp_path / language / "handbook" / name).write_text("# x\n", encoding="utf-8")
        for name in ("risk-form.yml", "monitoring.yml", "tools.yml"):
            (folder / name).write_text(
                (CONTENT / language / "counselor" / name).read_text("utf-8"), encoding="utf-8"
            )
    english = tmp_path / "en" / "counselor" / "monitoring.yml"
    data = yaml.safe_load(english.read_text("utf-8"))
    data["domains"][0]["levels"][0]["points"] = 5
    english.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    from kaketoe.cli import counselor_form_problems

    problems = counselor_form_problems(tmp_path, ["en", "nl"], "nl")
    assert [p for p in problems if "monitoring" in p] == [
        "content/en/counselor/monitoring.yml > domain 'education' > level 'good': field "
        "'points' is 5 (in content/nl/counselor/monitoring.yml: 4); ids, kinds, order and "
        "counts must be the same in every language: translate only the texts"
    ]


def test_check_content_passes_on_the_real_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_content(CONTENT, "nl") == 0
    assert "counselor forms in en, nl" in capsys.readouterr().out


# Form files ---------------------------------------------------------------------------------

WHEN = "2026-12-01T10:00:00+00:00"
LATER = "2026-12-02T10:00:00+00:00"


def forms() -> tuple[dict[str, Checklist], dict[str, Any]]:
    return (
        {language: load_checklist(CONTENT, language) for language in LANGUAGES},
        {language: load_risk_form(CONTENT, language) for language in LANGUAGES},
    )


MONITORING = {
    "moments": {
        "m6": {
            "date": "2027-03-01",
            "domains": {
                "housing": {
                    "indicators": [["below-average", 2], ["good", 3]],
                    "levels": [],
                    "note": "<script>alert(1)</script>",
                }
            },
        }
    }
}


def test_a_monitoring_file_reads_back_and_shows_its_scores() -> None:
    checklists, risk_forms = forms()
    html = monitoring_file_html(checklists["nl"], "G-0231", MONITORING, created=WHEN, updated=LATER)
    back = read_form_file(html, checklists, risk_forms)
    assert (back.kind, back.language, back.code) == ("monitoring", "nl", "G-0231")
    assert back.content == MONITORING
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html
    housing = checklists["nl"].domain("housing")
    assert housing is not None
    assert f"{housing.levels[2].label} (1/3)" in html  # the lowest-level rule, printed
    assert "1/25" in html


@pytest.mark.parametrize(
    ("code", "created", "named"),
    [("", WHEN, "the family code"), ("G-1", "morning", "created")],
)
def test_a_form_file_asked_with_a_bad_code_or_date_names_it(
    code: str, created: str, named: str
) -> None:
    """A form file asked for without a family code, or with a date that is not ISO 8601,
    is refused as data the package cannot hold, naming the field."""
    checklists, _ = forms()
    with pytest.raises(AnswerError, match=f"^{named}: "):
        monitoring_file_html(checklists["nl"], code, MONITORING, created=created, updated=LATER)


def test_a_risk_form_file_reads_back_in_another_language() -> None:
    checklists, risk_forms = forms()
    content = {
        "details": {"age": "8"},
        "factors": {"poor-health": {"presence": "yes", "note": "Slaapt slecht"}},
        "added": [
            {
                "domain": "child",
                "kind": "protective",
                "label": "Zingt",
                "presence": "yes",
                "note": "",
            }
        ],
        "measures": {"medical": {"needed": True, "note": "Huisarts"}},
    }
    html = risk_form_file_html(risk_forms["nl"], "G-1", content, created=WHEN, updated=LATER)
    back = read_form_file(html, checklists, risk_forms)
    assert back.kind == "risk-form"
    assert back.content["factors"]["poor-health"] == {"presence": "yes", "note": "Slaapt slecht"}
    assert assessment_from_data(risk_forms["en"], back.content).measures["medical"].needed


def test_a_tampered_wrong_or_hostile_form_file_is_refused() -> None:
    checklists, risk_forms = forms()
    html = monitoring_file_html(checklists["en"], "F-9", MONITORING, created=WHEN, updated=LATER)
    cases: list[tuple[bytes | str, str]] = [
        (html.replace("2027-03-01", "2027-03-02"), "checksum"),
        (html.replace('"version":1', '"version":2'), "newer-version"),
        ("<html><body>Hello</body></html>", "not-an-export"),
        (html[: html.rindex("</script>") - 10], "damaged"),  # cut off
        (html.replace('id="kaketoe-form">', 'id="kaketoe-form">' + "[" * 100), "too-deep"),
        (b"\xff\xfe not text", "not-utf-8"),
    ]
    for data, code in cases:
        with pytest.raises(ImportProblem) as problem:
            read_form_file(data, checklists, risk_forms)
        assert problem.value.code == code
    with pytest.raises(ImportProblem) as problem:
        read_form_file(html, {}, risk_forms)  # a checklist in a language this device lacks
    assert problem.value.code == "bad-content"


def test_a_childs_export_is_not_a_form_file() -> None:
    from workbook_samples import booklet, full_workbook

    from kaketoe import export_html, workbook_from_data

    loaded = booklet("nl")
    child_file = export_html(
        workbook_from_data(loaded, full_workbook(loaded)),
        loaded,
        "family",
        created=WHEN,
        updated=LATER,
    )
    checklists, risk_forms = forms()
    with pytest.raises(ImportProblem) as problem:
        read_form_file(child_file, checklists, risk_forms)
    assert problem.value.code == "not-an-export"


# The viewer's guidance -----------------------------------------------------------------------


def test_guidance_that_names_a_heading_the_page_lacks_is_refused(tmp_path: Path) -> None:
    from kaketoe._guidance import GuidanceError, load_guidance

    (tmp_path / "en" / "handbook").mkdir(parents=True)
    (tmp_path / "en" / "handbook" / "guiding-children.md").write_text(
        "# 4 Guiding children\n\n## 4.6 Saying goodbye\n", encoding="utf-8"
    )
    (tmp_path / "en" / "counselor").mkdir()
    viewer = tmp_path / "en" / "counselor" / "viewer.yml"
    data = {
        "title": "View",
        "intro": "Open",
        "open_label": "Open files",
        "drop_hint": "Drop",
        "close": "Close",
        "privacy_note": "Stays here",
        "talk_title": "First",
        "talk_intro": "Intro",
        "guidance_label": "In the handbook",
        "family_copy": "The family's copy",
        "left_out": {"one": "{n} item left out", "other": "{n} items left out"},
        "general": [{"page": "guiding-children", "heading": "4.6 Saying goodbye"}],
        "parts": {"a": [{"page": "guiding-children", "heading": "4.9 Not there"}]},
    }
    viewer.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(GuidanceError, match=r"has no heading '4\.9 Not there'"):
        load_guidance(tmp_path, "en", ["a"])
    data["parts"] = {"a": data["general"]}
    viewer.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(GuidanceError, match="needs exactly the parts a, b"):
        load_guidance(tmp_path, "en", ["a", "b"])
    found = load_guidance(tmp_path, "en", ["a"])
    assert found.parts["a"][0].href() == "handbook/guiding-children/#46-saying-goodbye"
