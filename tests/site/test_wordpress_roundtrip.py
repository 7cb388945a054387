"""A property of the WordPress import: any export made of valid items round-trips. Each
published item is at its old permalink or redirected from it, and its title is exact on its
page, after `letopis import wordpress` and a strict build.

Hypothesis writes the exports (with lxml, so they are well-formed WXR); each example is one
import and one real build, so the budget is small (LETOPIS_IMPORT_EXAMPLES raises it).
"""

from __future__ import annotations

import os
import string
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote, unquote, urljoin

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.conftest import full_site_config, mkdocs_pass_only, run_mkdocs, write_project

pytestmark = mkdocs_pass_only  # a property of the importer; its builds are of any content

LETOPIS = Path(sys.executable).parent / "letopis"
EXAMPLES = int(os.environ.get("LETOPIS_IMPORT_EXAMPLES", "6"))
WP = "http://wordpress.org/export/1.2/"
NS = {"wp": WP, "content": "http://purl.org/rss/1.0/modules/content/",
      "excerpt": "http://wordpress.org/export/1.2/excerpt/",
      "dc": "http://purl.org/dc/elements/1.1/"}
OLD = "https://old.example.org"
# Generated sections of the new site: an old address there cannot be redirected, by design.
RESERVED = {"archive", "author", "category", "tag", "journal", "search", "page", "assets",
            "media", "pagefind", "pages"}

TITLE_CHARACTERS = (string.ascii_letters + string.digits + " " + string.punctuation
                    + "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
                    + "«»—–№…")
NAME_CHARACTERS = string.ascii_lowercase + string.digits + "-абвгдежзийклмнопрстуфхцчшщыэюя"


@dataclass(frozen=True)
class GeneratedItem:
    post_id: int
    kind: str  # post or page
    title: str
    name: str  # post_name, before percent-encoding
    link: str  # the old permalink's path
    moment: datetime  # UTC
    status: str


@st.composite
def items(draw: st.DrawFn) -> list[GeneratedItem]:
    count = draw(st.integers(min_value=1, max_value=7))
    result = []
    for post_id in range(100, 100 + count):
        title = draw(st.text(TITLE_CHARACTERS, min_size=1, max_size=60)
                     .filter(lambda t: t.strip()))
        name = draw(st.text(NAME_CHARACTERS, min_size=1, max_size=20)
                    .filter(lambda n: n.strip("-") and n not in RESERVED))
        moment = datetime(2001, 1, 1) + timedelta(
            minutes=draw(st.integers(min_value=0, max_value=24 * 365 * 24 * 60)))
        kind = draw(st.sampled_from(["post", "post", "post", "page"]))
        shape = draw(st.sampled_from(["dated", "archives", "html", "double-slash", "plain"]))
        link = {
            "dated": f"/{moment:%Y/%m}/{name}-{post_id}/",
            "archives": f"/archives/{post_id}",
            "html": f"/{name}-{post_id}.html",
            "double-slash": f"//{name}-{post_id}//",
            "plain": f"/?p={post_id}",
        }[shape]
        status = draw(st.sampled_from(["publish", "publish", "publish", "draft"]))
        result.append(GeneratedItem(post_id, kind, title.strip(), name, link, moment, status))
    return result


def write_wxr(path: Path, generated: list[GeneratedItem]) -> None:
    def sub(parent: etree._Element, tag: str, text: str) -> etree._Element:
        prefix, _, name = tag.rpartition(":")
        element = etree.SubElement(parent, f"{{{NS[prefix]}}}{name}" if prefix else name)
        element.text = text
        return element

    rss = etree.Element("rss", nsmap=NS, version="2.0")
    channel = etree.SubElement(rss, "channel")
    sub(channel, "title", "Случайный блог")
    sub(channel, "wp:wxr_version", "1.2")
    sub(channel, "wp:base_site_url", OLD)
    sub(channel, "wp:base_blog_url", OLD)
    for item in generated:
        element = etree.SubElement(channel, "item")
        sub(element, "title", item.title)
        sub(element, "link", OLD + quote(item.link, safe="/?=."))
        sub(element, "dc:creator", "admin")
        sub(element, "content:encoded", f"<p>Текст записи {item.post_id}.</p>")
        sub(element, "excerpt:encoded", "")
        sub(element, "wp:post_id", str(item.post_id))
        sub(element, "wp:post_date_gmt", f"{item.moment:%Y-%m-%d %H:%M:%S}")
        sub(element, "wp:post_name", quote(item.name).lower())
        sub(element, "wp:status", item.status)
        sub(element, "wp:post_type", item.kind)
    path.write_bytes(etree.tostring(rss, xml_declaration=True, encoding="UTF-8"))


def landing(site: Path, old: str) -> Path | None:
    """The page a reader asking for the old path ends on: the page there, or the page a
    redirect there sends them to."""
    path = unquote(old).strip("/")
    page = site / path if path.endswith(".html") else site / path / "index.html"
    if not page.is_file():
        return None
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    refresh = html.find("meta", attrs={"http-equiv": "refresh"})
    if refresh is None:
        return page
    target = refresh["content"].split("url=", 1)[1]
    base = "http://site/" + (path if path.endswith(".html") else path + "/")
    landed = unquote(urljoin(base, target).removeprefix("http://site/"))
    return site / landed / "index.html" if not landed.endswith(".html") else site / landed


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(items())
def test_every_published_item_is_reachable_from_its_old_address(
    generated: list[GeneratedItem],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = write_project(Path(folder), {}, full_site_config())
        export = Path(folder) / "export.xml"
        write_wxr(export, generated)
        done = subprocess.run([str(LETOPIS), "import", "wordpress", str(export)],
                              capture_output=True, text=True, cwd=project, timeout=300,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        assert done.returncode == 0, done.stdout + done.stderr
        build = run_mkdocs(project)
        assert build.returncode == 0, build.log
        for item in generated:
            if item.status != "publish" or "?" in item.link:
                continue  # a draft is not published; "?p=1" cannot be redirected statically
            page = landing(build.site, item.link)
            assert page is not None and page.is_file(), (item, done.stdout)
            html = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
            assert html.h1 is not None and html.h1.get_text() == item.title, item
