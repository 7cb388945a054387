"""A deterministic synthetic corpus for the build benchmarks: N posts with Cyrillic titles,
headings and lists, categories, tags, an author and a date, plus an authors registry, a journal
and a home page.

Three modes, each reproducible from its seed:

- `classic` (the first benchmarks' corpus, kept byte for byte): about 350 words, 2–4 tags of 12,
  1–3 categories of 7, 2006–2018, every fourth post on the day of the one before;
- `independent` (the corpus of the independent benchmark quoted in issue 15): about 350 words,
  1–3 categories of 20 and 2–5 tags of 60, a random day of 2010–2018 for each post;
- `archive` (closer to a real archive): posts of 150 to 1,400 words, 2–4 categories of 40 and
  3–8 tags of 200, 2006–2018, bursts of two to six posts on some days.

`write_corpus` writes the folder every builder's layout starts from (benchmarks/layouts.py);
`write_configs` the mkdocs.yml files preview.py uses.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from itertools import product
from pathlib import Path
from typing import Any

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

# The wider sets of names of the other modes: a qualifier and a subject, as an archive's
# categories («Продажи в рознице») and tags («цены опта») read.
_QUALIFIERS = ["в рознице", "в опте", "в регионах", "для новичков", "на практике", "в кризис",
               "в B2B", "в IT", "в банке", "в торговле"]
_TAG_QUALIFIERS = ["опта", "розницы", "услуг", "проекта", "рынка", "отдела", "клиента",
                   "сезона", "года", "склада", "продукта", "бренда", "партнёра", "дилера",
                   "филиала", "квартала"]


def _names(subjects: list[str], qualifiers: list[str], count: int) -> list[str]:
    """`count` distinct names: the subjects alone, then subject + qualifier pairs."""
    names = subjects + [f"{subject} {qualifier}"
                        for qualifier, subject in product(qualifiers, subjects)]
    return names[:count]


MODES: dict[str, dict[str, Any]] = {
    "classic": {},
    "independent": {"categories": _names(CATEGORIES, _QUALIFIERS, 20), "per_category": (1, 3),
                    "tags": _names(TAGS, _TAG_QUALIFIERS, 60), "per_tag": (2, 5),
                    "first": date(2010, 1, 1), "last": date(2018, 12, 31),
                    "sections": (3, 3), "words": (7, 12), "burst": 0.0},
    "archive": {"categories": _names(CATEGORIES, _QUALIFIERS, 40), "per_category": (2, 4),
                "tags": _names(TAGS, _TAG_QUALIFIERS, 200), "per_tag": (3, 8),
                "first": FIRST, "last": LAST, "sections": (1, 10), "words": (8, 14),
                "burst": 0.25},
}


def write_corpus(docs: Path, posts: int, seed: int = 1, mode: str = "classic") -> None:
    """Write `posts` posts (under docs/posts/<year>/), the authors registry, a journal and a
    home page under `docs`."""
    if mode == "classic":
        _classic_posts(docs, posts, seed)
    else:
        _posts(docs, posts, random.Random(seed), MODES[mode])
    (docs / "authors.yml").write_text(yaml.safe_dump(AUTHORS, allow_unicode=True),
                                      encoding="utf-8")
    _journal(docs / "journal" / "vestnik")
    (docs / "index.md").write_text("---\ntitle: Последние записи\n---\n", encoding="utf-8")


def _classic_posts(docs: Path, posts: int, seed: int) -> None:
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
        _write_post(docs, n, front, _body(rng))


def _posts(docs: Path, posts: int, rng: random.Random, mode: dict[str, Any]) -> None:
    days = (mode["last"] - mode["first"]).days + 1
    day = mode["first"]
    burst = 0  # posts still to come on `day`
    for n in range(posts):
        if burst:
            burst -= 1
        else:
            day = mode["first"] + timedelta(days=rng.randrange(days))
            if rng.random() < mode["burst"]:
                burst = rng.randint(1, 5)  # two to six posts on this day
        front = {
            "title": f"{' '.join(rng.sample(WORDS, 3)).capitalize()} — заметка {n + 1}",
            "date": datetime(day.year, day.month, day.day, 8 + n % 12, n % 60),
            "categories": rng.sample(mode["categories"], rng.randint(*mode["per_category"])),
            "tags": rng.sample(mode["tags"], rng.randint(*mode["per_tag"])),
            "authors": [rng.choice(list(AUTHORS))],
            "slug": f"zametka-{n + 1}",
        }
        _write_post(docs, n, front,
                    _body(rng, rng.randint(*mode["sections"]), mode["words"]))


def _write_post(docs: Path, n: int, front: dict[str, Any], body: str) -> None:
    path = docs / "posts" / str(front["date"].year) / f"zametka-{n + 1}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
                    + "---\n\n" + body, encoding="utf-8")


def _body(rng: random.Random, sections: int = 3, words: tuple[int, int] = (8, 14)) -> str:
    """A lead and `sections` sections of paragraphs and a list: 4 + 11 × `sections` sentences
    of `words` words."""
    def sentence() -> str:
        return " ".join(rng.choices(WORDS, k=rng.randint(*words))).capitalize() + "."

    parts = [" ".join(sentence() for _ in range(4)), "<!-- more -->"]
    for section in range(sections):
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


def mkdocs_configs(docs: Path, theme: Path) -> dict[str, dict[str, Any]]:
    """The mkdocs.yml contents of (a) Letopis, (b) the floor with and without Material's search
    plugin, (c) Material's blog, for a docs folder."""
    base = {"site_name": "Бенчмарк", "site_url": "https://example.org/", "docs_dir": str(docs),
            "theme": {"name": "material", "language": "ru"},
            "markdown_extensions": ["toc", "attr_list", "md_in_html"]}
    # Letopis with the bundled site's plugins (mkdocs.yml).
    letopis = {**base,
               "theme": {**base["theme"], "custom_dir": str(theme),
                         "features": ["toc.integrate", "navigation.top"]},
               "plugins": [{"letopis/archive": {"archive_page_size": 30}}, "letopis/calendar",
                           "letopis/journal",
                           "letopis/authors", "letopis/blocks", "letopis/feeds",
                           "letopis/search", "letopis/redirects", "letopis/meta",
                           "letopis/pages", "letopis/addresses", "letopis/wayfinding"],
               "nav": [{"Главная": "index.md"}, {"Архив": "archive/index.md"}]}
    # The floor: Material as it comes (its search plugin on), posts kept out of the nav; and
    # the same without the search index.
    floor = {**base, "plugins": ["search"], "nav": [{"Главная": "index.md"}],
             "not_in_nav": "/posts/\n/journal/\n"}
    bare = {**floor, "plugins": []}
    # The peer: Material's blog with monthly archives, categories and pagination.
    blog = {**base, "nav": [{"Блог": "index.md"}],
            "plugins": ["search", {"blog": {
                "blog_dir": ".", "post_dir": "posts", "archive_date_format": "MMMM yyyy",
                "archive_url_date_format": "yyyy/MM", "categories": True, "pagination": True,
                "pagination_per_page": 10, "authors": False, "post_url_format": "{date}/{slug}",
                "post_url_date_format": "yyyy/MM"}}]}
    return {"letopis": letopis, "floor": floor, "floor-nosearch": bare, "blog": blog}


def write_configs(root: Path, docs: Path, theme: Path) -> dict[str, Path]:
    """mkdocs.yml for (a) Letopis, (b) the floor, (c) Material's blog; paths by name."""
    paths = {}
    for name, config in mkdocs_configs(docs, theme).items():
        path = root / f"{name}.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        paths[name] = path
    return paths
