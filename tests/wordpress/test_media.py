"""Downloading the old site's media (`--download-media`): why a file was not downloaded is said
in the site's language, whatever the network or the server said in its own words."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from letopis.core.messages import set_language
from letopis.wordpress import media
from letopis.wordpress.media import download_media
from tests.conftest import serving_folder

CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
LATIN_WORD = re.compile(r"[a-z]{2,}", re.IGNORECASE)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """An old site's uploads over HTTP, holding one picture."""
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "kept.png").write_bytes(b"png")
    with serving_folder(tmp_path / "www", prefix="") as url:
        yield url


@pytest.fixture
def silent() -> Iterator[str]:
    """An address whose server takes the connection and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/slow.png"
    listener.close()


@pytest.fixture
def closed() -> str:
    """An address where nothing listens: the connection is refused."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return f"http://127.0.0.1:{port}/gone.png"


@pytest.fixture
def language() -> Iterator[None]:
    yield
    set_language("ru")  # the default every other test expects


def reasons(failed: list[str], urls: list[str]) -> dict[str, str]:
    """Each failure's reason, by its URL ("URL: reason")."""
    found = {}
    for line in failed:
        url = next(url for url in urls if line.startswith(f"{url}: "))
        found[url] = line.removeprefix(f"{url}: ")
    return found


@pytest.mark.parametrize("code", ["ru", "en"])
def test_why_a_file_was_not_downloaded_is_said_in_the_sites_language(
    tmp_path: Path, server: str, silent: str, closed: str, code: str, language: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    set_language(code)
    monkeypatch.setattr(media, "TIMEOUT", 0.5)
    urls = [f"{server}/kept.png", f"{server}/lost.png", silent, closed,
            "ftp://old.example.org/file.png", "http:///no-host.png", "http://[::1/bad.png"]
    done = download_media(((url, f"media/{index}.png") for index, url in enumerate(urls)),
                          tmp_path / "content")
    assert done.fetched == [f"{server}/kept.png"]
    assert (tmp_path / "content/media/0.png").read_bytes() == b"png"
    why = reasons(done.failed, urls)
    assert sorted(why) == sorted(urls[1:])
    # Five kinds of failure, five reasons, none in the server's or the OS's words.
    assert len(set(why.values())) == 5, why
    assert why["http:///no-host.png"] == why["http://[::1/bad.png"]
    assert "404" in why[f"{server}/lost.png"]
    for url, reason in why.items():
        if code == "ru":
            assert CYRILLIC.search(reason), (url, reason)
            assert set(LATIN_WORD.findall(reason)) <= {"http", "https"}, (url, reason)
        else:
            assert not CYRILLIC.search(reason), (url, reason)
