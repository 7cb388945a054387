"""Benchmark (not a test): import a generated 20,000-item WordPress export and report the time
and the peak memory of the import process, which must stay under 300 MB.

    .venv/bin/python benchmarks/import_wordpress.py [--items 20000]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

LIMIT_MB = 300
WORDS = ["клиент", "продажи", "менеджер", "заявка", "сделка", "портфель", "приоритет",
         "поставщик", "бюджет", "скидка", "переговоры", "решение", "предложение", "сегмент",
         "поток", "сервис", "цена", "качество", "время"]
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Генерированный блог</title>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://old.example.org</wp:base_blog_url>
<wp:author><wp:author_login><![CDATA[admin]]></wp:author_login>
<wp:author_display_name><![CDATA[Редактор]]></wp:author_display_name></wp:author>
"""


def write_export(path: Path, items: int) -> None:
    rng = random.Random(1)
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for n in range(1, items + 1):
            year, month, day = 2006 + n % 13, 1 + n % 12, 1 + n % 28
            kind = "attachment" if n % 10 == 0 else "page" if n % 97 == 0 else "post"
            title = f"Запись {n}: {' '.join(rng.choices(WORDS, k=4))}"
            paragraphs = "\n\n".join(" ".join(rng.choices(WORDS, k=70)) for _ in range(5))
            body = (f"{paragraphs}\n\n<ul><li>{rng.choice(WORDS)}</li><li>{rng.choice(WORDS)}"
                    f"</li></ul>\n<blockquote>{rng.choice(WORDS)}</blockquote>\n"
                    f'<img src="https://old.example.org/wp-content/uploads/{year}/{month:02d}/'
                    f'p{n}.jpg" alt="{n}">')
            out.write(
                f"<item><title>{escape(title)}</title>"
                f"<link>https://old.example.org/{year}/{month:02d}/post-{n}/</link>"
                f"<dc:creator><![CDATA[admin]]></dc:creator>"
                f"<content:encoded><![CDATA[{body}]]></content:encoded>"
                f"<wp:post_id>{n}</wp:post_id>"
                f"<wp:post_date><![CDATA[{year}-{month:02d}-{day:02d} 12:00:00]]></wp:post_date>"
                f"<wp:post_date_gmt><![CDATA[{year}-{month:02d}-{day:02d} 08:00:00]]>"
                f"</wp:post_date_gmt><wp:post_name><![CDATA[post-{n}]]></wp:post_name>"
                f"<wp:status><![CDATA[publish]]></wp:status>"
                f"<wp:post_type><![CDATA[{kind}]]></wp:post_type>"
                f"<wp:attachment_url><![CDATA[https://old.example.org/wp-content/uploads/"
                f"{year}/{month:02d}/a{n}.jpg]]></wp:attachment_url>"
                f'<category domain="category" nicename="c{n % 7}"><![CDATA[Рубрика {n % 7}]]>'
                f"</category></item>\n")
        out.write("</channel></rss>\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    args = parser.parse_args()
    letopis = Path(sys.executable).parent / "letopis"
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder, "export.xml")
        write_export(export, args.items)
        size_mb = export.stat().st_size / 2**20
        (Path(folder) / "content").mkdir()
        start = time.perf_counter()
        # No mkdocs.yml in the folder: the import uses its defaults (Moscow, month-and-name).
        done = subprocess.run([str(letopis), "import", "wordpress", str(export),
                               "--into", str(Path(folder, "content"))],
                              capture_output=True, text=True, cwd=folder,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        seconds = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    summary = done.stdout.strip().splitlines()
    verdict = "PASS" if peak_mb < LIMIT_MB and done.returncode == 0 else "FAIL"
    print(f"export: {args.items} items, {size_mb:.0f} MB; machine: {platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"import: {seconds:.1f} s ({seconds / args.items * 1000:.2f} ms per item), "
          f"peak memory {peak_mb:.0f} MB (limit {LIMIT_MB} MB): {verdict}")
    print(next((line for line in summary if line.startswith("imported")), done.stderr[-500:]))
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
