"""Give every language its own sitemap.

Material's language switch fetches ``sitemap.xml`` under each language's base
URL (``/en/sitemap.xml``) to find the same page in the other language. The
i18n plugin writes a single sitemap for all languages at the root. Once every
language is built, we split it: each language folder gets the pages under its
own base URL (the sitemap protocol allows no others), with their alternates.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from xml.etree import ElementTree

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    i18n = config.plugins["i18n"]
    if i18n.building:
        return
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("xhtml", XHTML_NS)
    site = Path(config.site_dir)
    combined = ElementTree.parse(site / "sitemap.xml").getroot()
    site_url = config.site_url or ""
    other_bases = {f"{site_url}{lang}/" for lang in i18n.build_languages} - {
        f"{site_url}{i18n.default_language}/"
    }
    for lang in i18n.build_languages:
        default = lang == i18n.default_language
        base = site_url if default else f"{site_url}{lang}/"
        urlset = ElementTree.Element(combined.tag, combined.attrib)
        for url in combined:
            loc = url.findtext(f"{{{SITEMAP_NS}}}loc", default="")
            in_other = any(loc.startswith(other) for other in other_bases)
            if loc.startswith(base) and (not default or not in_other):
                urlset.append(url)
        if len(urlset) == 0:
            raise PluginError(f"The sitemap lists no page for '{lang}' under {base}.")
        folder = site if default else site / lang
        xml = ElementTree.tostring(urlset, encoding="utf-8", xml_declaration=True)
        (folder / "sitemap.xml").write_bytes(xml)
        # Fixed mtime: the same site gives the same bytes.
        (folder / "sitemap.xml.gz").write_bytes(gzip.compress(xml, mtime=0))
