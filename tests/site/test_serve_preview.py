"""`mkdocs serve` previews drafts (served and listed, marked as drafts); with --dirty, as
`make serve` runs it, an edited post shows at once on every page that shows it."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import copy_fixture, engine, site_config, text_of, write_project

pytestmark = pytest.mark.serve


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def interruptible() -> None:
    """In a server's process before it starts: Ctrl-C's signal acted on. A command a shell
    starts in the background without job control (as `make test` runs a pass) inherits it
    ignored, and Python then never raises KeyboardInterrupt: `stop` would wait in vain."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def stop(server: subprocess.Popen) -> None:
    """Stop a server as Ctrl-C does: MkDocs then removes its temporary site, and the plugins
    what they made (on_shutdown). SIGTERM ends Python before either."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@contextlib.contextmanager
def serving(root: Path, *options: str, log: Path | None = None,
            temporary: Path | None = None) -> Iterator[str]:
    """`mkdocs serve` on the project in `root`; yields its address once it answers. Its output
    goes to `log` when given (readable while it runs), its temporary folders into `temporary`
    when given."""
    port = free_port()
    output = log.open("w", encoding="utf-8") if log else subprocess.PIPE
    server = subprocess.Popen(
        [sys.executable, "-m", engine(), "serve", *options, "-a", f"127.0.0.1:{port}",
         "-f", str(Path(root) / "mkdocs.yml")],
        stdout=output, stderr=subprocess.STDOUT, text=True, cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
             **({"TMPDIR": str(temporary)} if temporary else {})},
        preexec_fn=interruptible,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                fetch(base)
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    server.kill()
                    said = log.read_text(encoding="utf-8") if log else server.communicate()[0]
                    pytest.fail(f"mkdocs serve did not start:\n{said}")
                time.sleep(0.3)
        yield base
    finally:
        stop(server)
        if log:
            output.close()


def test_a_preview_stopped_leaves_nothing_in_the_temporary_folder(tmp_path: Path) -> None:
    """The server's own site and the fast preview's stand-in sources are removed when it
    stops (the suite's servers once left two folders each in /tmp, hundreds of MB a run)."""
    root = copy_fixture("archive", tmp_path / "project")
    write_project(root, {}, site_config())
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    with serving(root, "--dirty", "--no-livereload", temporary=temporary) as base:
        assert "<html" in fetch(base)
        assert sorted(path.name.split("_")[0].split("-")[0] for path in temporary.iterdir()) \
            == ["letopis", engine()]  # the preview's stand-ins and the server's site
    assert list(temporary.iterdir()) == []


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_fixture("archive", tmp_path_factory.mktemp("serve"))
    write_project(root, {}, site_config(page_size=3))
    with serving(root, "--no-livereload") as base:
        yield base


def test_draft_post_is_served_with_a_draft_mark(preview: str) -> None:
    page = BeautifulSoup(fetch(preview + "2014/05/chernovik-o-peregovorakh/"), "lxml")
    assert text_of(page.select_one(".letopis-post h1")) == "Черновик о переговорах"
    assert text_of(page.select_one(".letopis-post__header .letopis-badge")) == "Черновик"


def test_draft_is_listed_in_its_archives_while_previewing(preview: str) -> None:
    page = BeautifulSoup(fetch(preview + "2014/05/20/"), "lxml")
    titles = [text_of(a) for a in page.select(".letopis-entry__title a")]
    assert titles == ["Черновик о переговорах"]


def page_when(url: str, condition: Callable[[BeautifulSoup], bool],
              seconds: float = 60) -> BeautifulSoup:
    """The page at `url` once `condition` holds for it (the preview rebuilds meanwhile)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            page = BeautifulSoup(fetch(url), "lxml")
        except urllib.error.HTTPError:  # not built yet
            page = BeautifulSoup("", "lxml")
        if condition(page) or time.monotonic() > deadline:
            return page
        time.sleep(0.2)


def test_fast_preview_updates_every_page_that_shows_an_edited_post(tmp_path: Path) -> None:
    root = copy_fixture("calendar", tmp_path)
    write_project(root, {}, site_config())
    post = root / "content/posts/morning.md"
    with serving(root, "--dirty") as base:
        assert "Утро седьмого мая" in fetch(base + "2014/05/07/")
        post.write_text(post.read_text(encoding="utf-8").replace(
            "title: Утро седьмого мая", "title: Раннее утро седьмого мая"), encoding="utf-8")
        # The post itself, at the address its new title gives it.
        mine = page_when(base + "2014/05/rannee-utro-sedmogo-maia/",
                         lambda p: p.select_one("article h1") is not None)
        assert text_of(mine.select_one("article h1")) == "Раннее утро седьмого мая"
        # Its day archive and the calendar of a neighbour in the same month.
        day = page_when(base + "2014/05/07/", lambda p: "Раннее утро" in text_of(p))
        assert "Раннее утро седьмого мая" in [text_of(a) for a in
                                              day.select(".letopis-entry__title a")]
        neighbour = page_when(base + "2014/05/vecher-sedmogo-maia/",
                              lambda p: "Раннее утро" in str(p.select_one("nav.calendar")))
        label = neighbour.select_one("nav.calendar a[aria-current]")["aria-label"]
        assert label == "7 мая 2014: Вечер седьмого мая; Раннее утро седьмого мая"
        older = neighbour.select_one(".letopis-neighbours a[rel=prev]")
        assert text_of(older) == "← Предыдущая запись Раннее утро седьмого мая"
        assert older["href"] == "../../../2014/05/rannee-utro-sedmogo-maia/"


@pytest.mark.parametrize("options", [["--dirty"], []], ids=["dirty", "clean"])
def test_a_content_error_is_printed_and_the_last_good_pages_stay(tmp_path: Path,
                                                                 options: list[str]) -> None:
    """MkDocs alone would leave the server "stuck" (no page answered) until the error is
    fixed, and a clean rebuild would have emptied the site first."""
    root = copy_fixture("calendar", tmp_path / "project")
    write_project(root, {}, site_config())
    post = root / "content/posts/morning.md"
    good = post.read_text(encoding="utf-8")
    log = tmp_path / "serve.log"
    with serving(root, *options, log=log) as base:
        day = main_of(fetch(base + "2014/05/07/"))
        mine = main_of(fetch(base + "2014/05/utro-sedmogo-maia/"))
        assert "Утро седьмого мая" in day and "Утро седьмого мая" in mine
        post.write_text(good.replace("date: 2014-05-07 10:00", "date: 2014-02-30"),
                        encoding="utf-8")
        said = until(lambda: log.read_text(encoding="utf-8"),
                     "по-прежнему показывает последнюю удачную")
        assert 'content/posts/morning.md:3: дата "2014-02-30" — несуществующий день' in said
        assert "Traceback" not in said
        # Answered at once, as before the error: the post, its day and everything else.
        assert main_of(fetch(base + "2014/05/07/")) == day
        assert main_of(fetch(base + "2014/05/utro-sedmogo-maia/")) == mine
        post.write_text(good.replace("title: Утро седьмого мая", "title: Исправленное утро"),
                        encoding="utf-8")
        fixed = page_when(base + "2014/05/ispravlennoe-utro/",
                          lambda p: p.select_one("article h1") is not None)
        assert text_of(fixed.select_one("article h1")) == "Исправленное утро"


def main_of(html: str) -> str:
    """The page without the script the live server adds (it names the rebuild)."""
    return str(BeautifulSoup(html, "lxml").select_one("main"))


def until(read: Callable[[], str], words: str, seconds: float = 60) -> str:
    """What `read` returns once it holds `words`."""
    deadline = time.monotonic() + seconds
    while words not in (text := read()):
        assert time.monotonic() < deadline, f"never said {words!r}:\n{text}"
        time.sleep(0.2)
    return text


def _server_pid(base: str) -> int:
    """The process serving `base` (its command line names the address)."""
    address = base.removeprefix("http://").rstrip("/")
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and address in (entry / "cmdline").read_text():
                return int(entry.name)
        except OSError:
            continue
    raise AssertionError(f"no process serves {base}")


def _watches_with_inotify(pid: int) -> bool:
    return any(str(fd.readlink()) == "anon_inode:inotify"
               for fd in Path(f"/proc/{pid}/fd").iterdir() if fd.is_symlink())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")
@pytest.mark.parametrize("polling", [False, True], ids=["inotify", "LETOPIS_POLLING"])
def test_a_save_is_noticed_by_the_kernel_and_starts_one_rebuild(tmp_path: Path, polling: bool,
                                                               monkeypatch) -> None:
    """MkDocs polls the docs folder twice a second; the preview asks the kernel instead. The
    rebuild's own reads of the docs must not be taken for changes (one save, one rebuild)."""
    if polling:
        monkeypatch.setenv("LETOPIS_POLLING", "1")
    root = copy_fixture("calendar", tmp_path / "project")
    write_project(root, {}, site_config())
    post = root / "content/posts/morning.md"
    log = tmp_path / "serve.log"
    with serving(root, "--dirty", log=log) as base:
        assert _watches_with_inotify(_server_pid(base)) is not polling
        post.write_text(post.read_text(encoding="utf-8").replace(
            "title: Утро седьмого мая", "title: Другое утро"), encoding="utf-8")
        saved = page_when(base + "2014/05/drugoe-utro/",
                          lambda p: p.select_one("article h1") is not None)
        assert text_of(saved.select_one("article h1")) == "Другое утро"
        time.sleep(3)  # time enough for a rebuild started by the rebuild's own reads
        said = log.read_text(encoding="utf-8")
        assert said.count("Detected file changes") == 1, said
