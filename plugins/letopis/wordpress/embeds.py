"""Embedded players in WordPress posts (iframes, old Flash objects, audio and video, [embed]
and bare video URLs) become links: a static archive should not load other sites' players, and
a link keeps what the reader needs. Each replacement is listed for the editor."""

from __future__ import annotations

import re
from html import escape, unescape
from pathlib import PurePosixPath
from urllib.parse import parse_qs, unquote

from bs4 import BeautifulSoup, Tag

from .old_site import split
from .words import say

# [embed]URL[/embed], and a video URL alone on its line (WordPress embeds both, via oEmbed).
EMBED_SHORTCODE = re.compile(r"\[embed\b[^\]]*\]\s*(https?://[^\s\[\]<>\"]+)\s*\[/embed\]",
                             re.IGNORECASE)
BARE_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s\[\]<>\"']+)[ \t]*$", re.MULTILINE)
# Marks an <iframe> made from the text above, naming its origin for the editor's list.
ORIGIN = "data-letopis-origin"
PLAYERS = ("iframe", "object", "embed", "applet", "audio", "video")
# Old plugin players that name no video a link could lead to: what the editor is told.
DROPPED = {"object": "object_dropped", "embed": "embed_tag_dropped", "applet": "applet_dropped"}
# Where a link to a player stands as its own paragraph rather than inside the text around it.
BLOCK_PARENTS = {"[document]", "body", "div", "section", "article", "aside", "main", "header",
                 "footer", "figure", "blockquote", "center"}


def mark_text_embeds(text: str) -> str:
    """Turn [embed]URL[/embed] and bare video URLs into iframes, so that one pass over the
    parsed post (`replace_players`) handles every embed, in document order."""
    def shortcode(match: re.Match[str]) -> str:
        return _iframe(unescape(match.group(1)), "[embed]")

    def bare(match: re.Match[str]) -> str:
        url = unescape(match.group(1))
        return _iframe(url, "") if video_page(url) else match.group(0)

    return BARE_URL_LINE.sub(bare, EMBED_SHORTCODE.sub(shortcode, text))


def _iframe(url: str, origin: str) -> str:
    return f'<iframe src="{escape(url)}" {ORIGIN}="{escape(origin)}"></iframe>'


def video_page(url: str) -> tuple[str, str] | None:
    """The watch page and the host's name for a player or page URL of a well-known video
    host, or None."""
    parts = split(url.strip())
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    path = [unquote(part) for part in parts.path.split("/") if part]
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    first = path[0] if path else ""
    last = path[-1] if path else ""
    if host in {"youtube.com", "youtube-nocookie.com", "youtu.be"}:
        if first == "embed" and last == "videoseries" and "list" in query:
            return f"https://www.youtube.com/playlist?list={query['list']}", "YouTube"
        video = (query.get("v") if first == "watch" else
                 first if host == "youtu.be" else
                 path[1] if len(path) > 1 and first in {"embed", "v", "shorts", "live"} else None)
        match = re.match(r"[\w-]{6,}", video or "")  # /v/ID&hl=ru: old Flash URLs had no "?"
        if match:
            start = re.sub(r"\D", "", query.get("start") or query.get("t") or "")
            return (f"https://www.youtube.com/watch?v={match.group()}"
                    + (f"&t={start}" if start else "")), "YouTube"
    elif host in {"vimeo.com", "player.vimeo.com"} and (last.isdigit() or (
            len(path) == 2 and first.isdigit())):  # vimeo.com/ID/HASH: an unlisted video
        video, secret = (last, query.get("h")) if last.isdigit() else (first, last)
        return f"https://vimeo.com/{video}" + (f"/{secret}" if secret else ""), "Vimeo"
    elif host == "rutube.ru" and len(path) >= 2 and path[-2] in {"embed", "video", "private"}:
        private = query.get("p")
        return (f"https://rutube.ru/video/{'private/' if private else ''}{last}/"
                + (f"?p={private}" if private else "")), "Rutube"
    elif host in {"vk.com", "vk.ru", "vkvideo.ru"}:
        if first == "video_ext.php" and "oid" in query and "id" in query:
            return f"https://vk.com/video{query['oid']}_{query['id']}", "VK"
        if re.fullmatch(r"video-?\d+_\d+", first):
            return f"https://vk.com/{first}", "VK"
    elif host in {"dailymotion.com", "dai.ly", "geo.dailymotion.com"}:
        video = query.get("video") or (last if host == "dai.ly" or "video" in path else None)
        if video:
            return f"https://www.dailymotion.com/video/{video}", "Dailymotion"
    return None


def replace_players(soup: BeautifulSoup, unconverted: list[str]) -> None:
    """Replace each player by a link to what it plays (or drop it), noting it in
    `unconverted`. Runs after sanitizing, so every URL left here is harmless."""
    for tag in soup.find_all(PLAYERS):
        if tag.decomposed or tag.find_parent(PLAYERS):
            continue  # <embed> inside <object>: handled with its object
        if tag.name == "iframe":
            _iframe_to_link(soup, tag, unconverted)
        elif tag.name in {"audio", "video"}:
            source = tag.get("src") or next(
                (s["src"] for s in tag.find_all("source") if s.get("src")), "")
            audio = tag.name == "audio"
            if source:
                name = unquote(PurePosixPath(split(source).path).name) or source
                _replace(soup, tag, source, say("link_audio" if audio else "link_video",
                                                name=name))
                unconverted.append(say("audio_linked" if audio else "video_tag_linked"))
            else:
                unconverted.append(say("audio_dropped" if audio else "video_tag_dropped"))
                tag.decompose()
        else:  # an old Flash player: <object>, <embed>, <applet>
            urls = [tag.get("data"), tag.get("src"), *(
                p.get("value") for p in tag.find_all("param")
                if (p.get("name") or "").lower() in {"movie", "src", "url"}),
                *(e.get("src") for e in tag.find_all("embed"))]
            video = next((page for url in urls if url and (page := video_page(url))), None)
            if video:
                _replace(soup, tag, video[0], say("link_video", name=video[1]))
                unconverted.append(say("video_linked", host=video[1]))
            else:
                unconverted.append(say(DROPPED[tag.name]))
                tag.decompose()


def _iframe_to_link(soup: BeautifulSoup, tag: Tag, unconverted: list[str]) -> None:
    src = tag.get("src", "")
    label = tag.get(ORIGIN) or "<iframe>"
    video = video_page(src)
    if video:
        title = " ".join(str(tag.get("title", "")).split())
        text = say("link_video_titled", name=video[1], title=title) if title else \
            say("link_video", name=video[1])
        _replace(soup, tag, video[0], text)
        unconverted.append(say("video_linked", host=video[1]))
    elif src:
        host = split(src).hostname
        _replace(soup, tag, src, say("link_embed", source=host or src))
        # An address that is none (old_site.split) is named by the link's own note.
        unconverted.append(say("embed_linked_from", host=host, label=label) if host else
                           say("embed_linked", label=label))
    else:
        unconverted.append(say("embed_no_address", label=label))
        tag.decompose()


def _replace(soup: BeautifulSoup, tag: Tag, url: str, text: str) -> None:
    link = soup.new_tag("a", href=url)
    link.string = text
    if tag.parent is not None and tag.parent.name in BLOCK_PARENTS:
        paragraph = soup.new_tag("p")
        paragraph.append(link)
        link = paragraph
    tag.replace_with(link)
