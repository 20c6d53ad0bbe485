"""The report a counselor reads: the questions in a chosen language, the answers as written."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kaketoe._answers import material_of
from kaketoe._booklet import Booklet
from kaketoe._export import art_data_url
from kaketoe._import import ImportedExport
from kaketoe._render import lookups, render, render_fragment
from kaketoe._schema import for_child


def _context(imported: ImportedExport, prompts: Booklet) -> dict[str, Any]:
    """What the report's templates need: the file's workbook under ``prompts``' questions."""
    material = imported.workbook.material
    made_for = material_of(imported.booklet, material)
    asked = material_of(prompts, material)
    if (
        asked is None
        or made_for is None
        or (asked.id, asked.version)
        != (
            made_for.id,
            made_for.version,
        )
    ):
        raise ValueError("the questions must come from the booklet the file was made with")
    # An adult reads the report and the viewer: texts in forms in the neutral form.
    prompts = for_child(prompts, "")
    return {
        "prompts": prompts,
        "child": imported.booklet,
        "workbook": imported.workbook,
        "variant": imported.variant,
        "created": imported.created,
        "updated": imported.updated,
        "art_url": lambda art_id: art_data_url(prompts, art_id),
        **lookups(prompts, imported.workbook),
    }


def report_html(imported: ImportedExport, prompts: Booklet) -> str:
    """HTML of every answer in the file, each under its question in ``prompts``' language.

    Chosen pictures and feelings are named in that language too; what the child
    wrote stays in the child's words and is marked with the child's language.
    """
    return render("report.html.j2", **_context(imported, prompts))


def viewer_html(
    imported: ImportedExport,
    prompts: Booklet,
    guidance: Mapping[str, Any],
    *,
    site_base: str,
    index: int,
) -> str:
    """One child's file for the counselor viewer: a fragment of the tool's page.

    ``guidance`` is the viewer's data (kaketoe._guidance.guidance_to_data) in
    the prompts' language; ``site_base`` leads from the viewer to that
    language's site, for the links to the handbook. Of a family's copy it shows
    only what the counselor may see (kaketoe._counselor.viewer_copy).
    """
    from kaketoe._counselor import viewer_copy  # the viewer's; the children's app never loads it

    shown = viewer_copy(imported)
    return render_fragment(
        "viewer.html.j2",
        **_context(shown.imported, prompts),
        shown=shown,
        guidance=guidance,
        site_base=site_base,
        index=index,
        id_prefix=f"child-{index}-",
    )
