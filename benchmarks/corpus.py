"""A deterministic synthetic corpus for the build benchmarks: N posts with Cyrillic titles,
about 350 words with headings and lists, 2–4 tags, 1–3 categories, an author, dates over
2006–2018 with several posts on some days, and a few journal issues.

The same content folder serves the three builds the benchmark compares; each gets its own
mkdocs.yml (see `write_configs`).
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml

WORDS = ["клиент", "продажи", "менеджер", "заявка", "сделка", "портфель", "приоритет",
         "поставщик", "бюджет", "скидка", "переговоры", "решение", "предложение", "сегмент",
         "поток", "сервис", "цена", "качество", "время", "рынок", "стратегия", "канал",
         "лояльность", "договор", "отдел", "результат", "задача", "опыт", "ценность", "спрос"]
CATEGORIES = ["Продажи", "Клиенты", "Переговоры", "Журнал", "Маркетинг", "Управление",
              "Практика"]
TAGS = ["лиды", "приоритеты", "возражения", "скидки", "тендеры", "сегментация", "сервис",
        "лояльность", "цены", "воронка", "аналитика", "команда"]
AUTHORS = {"glavnyi-redaktor": "Главный редактор", "ivan-petrov": "Иван Петров",
           "anna-smirnova": "Анна Смирнова", "oleg-sidorov": "Олег Сидоров"}
FIRST, LAST = date(2006, 1, 1), date(2018, 12, 31)


def write_corpus(docs: Path, posts: int, seed: int = 1) -> None:
    """Write `posts` posts, the authors registry, a journal and a home page under `docs`."""
    rng = random.Random(seed)
    days = (LAST - FIRST).days
    day = FIRST
    for n in range(posts):
        # Every fourth post shares the day of the one before: several posts on some days.
        if n % 4:
            day = FIRST + timedelta(days=rng.randrange(days))
        title = f"{' '.join(rng.sample(WORDS, 3)).capitalize()} — заметка {n + 1}"
        front = {
            "title": title,
            # A datetime, written unquoted: Material's blog wants a YAML timestamp.
            "date": datetime(day.year, day.month, day.day, 9 + n % 10, n % 60),
            "categories": rng.sample(CATEGORIES, rng.randint(1, 3)),
            "tags": rng.sample(TAGS, rng.randint(2, 4)),
            "authors": [rng.choice(list(AUTHORS))],
            "slug": f"zametka-{n + 1}",
        }
        path = docs / "posts" / str(day.year) / f"zametka-{n + 1}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
                        + "---\n\n" + _body(rng), encoding="utf-8")
    (docs / "authors.yml").write_text(yaml.safe_dump(AUTHORS, allow_unicode=True),
                                      encoding="utf-8")
    _journal(docs / "journal" / "vestnik")
    (docs / "index.md").write_text("---\ntitle: Последние записи\n---\n", encoding="utf-8")


def _body(rng: random.Random) -> str:
    def sentence() -> str:
        return " ".join(rng.choices(WORDS, k=rng.randint(8, 14))).capitalize() + "."

    parts = [" ".join(sentence() for _ in range(4)), "<!-- more -->"]
    for section in range(3):
        parts.append(f"## Раздел {section + 1}: {rng.choice(WORDS)}")
        parts.append(" ".join(sentence() for _ in range(5)))
        parts.append("\n".join(f"- {sentence()}" for _ in range(3)))
        parts.append(" ".join(sentence() for _ in range(3)))
    return "\n\n".join(parts) + "\n"


def _journal(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.md").write_text("---\nname: Вестник продаж\npublisher: Издательство\n---\n",
                                     encoding="utf-8")
    for year in (2010, 2012, 2014, 2016):
        for number in (1, 2):
            issue = {"year": year, "number": number, "status": "вышел из печати", "articles": [
                {"title": f"Статья {k} номера {number}/{year}", "authors": [author],
                 "abstract": "Краткая аннотация статьи о продажах и клиентах."}
                for k, author in enumerate(AUTHORS, start=1)]}
            (folder / f"{year}-{number}.md").write_text(
                "---\n" + yaml.safe_dump(issue, allow_unicode=True, sort_keys=False)
                + "---\n\nАнонс номера.\n", encoding="utf-8")


def write_configs(root: Path, docs: Path, theme: Path) -> dict[str, Path]:
    """mkdocs.yml for (a) Letopis, (b) the floor, (c) Material's blog; paths by name."""
    base = {"site_name": "Бенчмарк", "site_url": "https://example.org/", "docs_dir": str(docs),
            "theme": {"name": "material", "language": "ru"},
            "markdown_extensions": ["toc", "attr_list", "md_in_html"]}
    # Letopis as the bundled site uses it.
    letopis = {**base,
               "theme": {**base["theme"], "custom_dir": str(theme),
                         "features": ["toc.integrate", "navigation.top"]},
               "plugins": [{"letopis/archive": {"archive_page_size": 30}}, "letopis/calendar",
                           "letopis/journal",
                           "letopis/authors", "letopis/blocks", "letopis/feeds",
                           "letopis/search", "letopis/redirects", "letopis/meta",
                           "letopis/pages", "letopis/addresses"],
               "nav": [{"Главная": "index.md"}, {"Архив": "archive/index.md"}]}
    # The floor: Material as it comes (its search plugin on), posts kept out of the nav.
    floor = {**base, "plugins": ["search"], "nav": [{"Главная": "index.md"}],
             "not_in_nav": "/posts/\n/journal/\n"}
    # The peer: Material's blog with monthly archives, categories and pagination.
    blog = {**base, "nav": [{"Блог": "index.md"}],
            "plugins": ["search", {"blog": {
                "blog_dir": ".", "post_dir": "posts", "archive_date_format": "MMMM yyyy",
                "archive_url_date_format": "yyyy/MM", "categories": True, "pagination": True,
                "pagination_per_page": 10, "authors": False, "post_url_format": "{date}/{slug}",
                "post_url_date_format": "yyyy/MM"}}]}
    paths = {}
    for name, config in (("letopis", letopis), ("floor", floor), ("blog", blog)):
        path = root / f"{name}.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        paths[name] = path
    return paths
