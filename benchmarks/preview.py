"""Live-preview benchmark (not a test): on a synthetic site of N posts, how long from saving a
post to `mkdocs serve` serving its new text (what an editor waits for).

    .venv/bin/python benchmarks/preview.py [--posts 4000] [--edits 3]

Runs `mkdocs serve --dirty` (what `make serve` runs) on Letopis' configuration, edits one post
at a time and polls its page until the change shows; prints each wait and the median, and
checks that the edit also reached the post's month archive (its summary) while other pages
kept theirs.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

from corpus import write_configs, write_corpus

REPO = Path(__file__).resolve().parent.parent


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, text: str, limit: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=4000)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="letopis-preview-") as folder:
        root = Path(folder)
        write_corpus(root / "docs", args.posts)
        config = write_configs(root, root / "docs", REPO / "theme")["letopis"]
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config),
             "-a", f"127.0.0.1:{port}"], cwd=root, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            # Ctrl-C's signal acted on, even when this runs in the background of a shell
            # without job control (which starts it ignored): see the `finally` below.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        try:
            start = time.perf_counter()
            if wait_for(base, "<html", 600) is None:
                raise SystemExit("mkdocs serve did not start")
            print(f"first build and start: {time.perf_counter() - start:.1f} s")
            waits = []
            posts = sorted((root / "docs" / "posts").rglob("*.md"))
            for edit in range(args.edits):
                post = posts[len(posts) // (edit + 2)]
                text = post.read_text(encoding="utf-8")
                marker = f"Правка{edit}{int(time.time())}"
                # The summary is the text before <!-- more -->: the edit reaches listings too.
                post.write_text(text.replace("\n\n", f"\n\n{marker}. ", 1), encoding="utf-8")
                url = base + _url(text)
                waited = wait_for(url, marker, 120)
                if waited is None:
                    raise SystemExit(f"the edit of {post.name} never showed at {url}")
                waits.append(waited)
                month = url.rsplit("/", 2)[0] + "/"
                in_month = wait_for(month, marker, 30) is not None
                print(f"edit {edit + 1}: {post.name} shown after {waited:.2f} s; in its month "
                      f"archive: {'yes' if in_month else 'NO'}")
            print(f"median wait: {statistics.median(waits):.2f} s (target ≤ 2 s)")
        finally:
            # As Ctrl-C stops it: MkDocs removes its temporary site (hundreds of MB here)
            # and Letopis its stand-in sources; SIGTERM would leave both in /tmp.
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    return 0


def _url(text: str) -> str:
    front = yaml.safe_load(text.split("---", 2)[1])
    day = str(front["date"])
    return f"{day[:4]}/{day[5:7]}/{front['slug']}/"


if __name__ == "__main__":
    sys.exit(main())
