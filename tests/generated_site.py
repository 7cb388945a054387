"""A deterministic generator of a large fixture site: authors, a journal, and hundreds of posts."""

from __future__ import annotations

import posixpath
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml

from letopis.core.slugs import transliterate
from tests.conftest import full_site_config, write_project

JOURNAL = "vestnik"
FIRST_DAY, LAST_DAY = date(2006, 1, 1), date(2018, 12, 31)

AUTHORS: dict[str, str | dict[str, str]] = {
    "ivan-petrov": "Иван Петров",
    "olga-smirnova": {"name": "Ольга Смирнова", "bio": "Пишет о клиентском сервисе и удержании."},
    "sergei-orlov": "Сергей Орлов",
    "anna-kuznetsova": {"name": "Анна Кузнецова", "bio": "Аналитик клиентских портфелей."},
    "redaktsiia": {"name": "Редакция", "bio": "Редакция журнала «Вестник продаж»."},
}
CATEGORIES = ["Продажи", "Маркетинг", "Клиентинг", "Переговоры", "Управление"]
TAGS = ["клиенты", "лиды", "приоритеты", "воронка", "CRM", "ценообразование", "команда", "B2B",
        "сегментация", "удержание"]
OPENINGS = ["Как", "Почему", "Зачем", "Когда", "Сколько раз"]
TOPICS = ["считать воронку продаж", "звонить холодным клиентам", "делить клиентов на сегменты",
          "обучать менеджеров", "поднимать цены", "работать с возражениями",
          "планировать встречи", "удерживать крупного клиента", "писать коммерческое предложение",
          "вести базу в CRM", "отвечать на «дорого»", "искать лиды на выставках"]
ENDINGS = ["", ": опыт отдела продаж", " — заметки на полях", " и не сойти с ума",
           ": пять ошибок", " в кризис", " & другие вопросы читателей"]
HEADINGS = ["Что происходит", "Почему это важно", "Пример из практики", "Типичные ошибки",
            "Что делать завтра", "Цифры и факты"]
SENTENCES = [
    "Менеджер по продажам тратит на подготовку больше времени, чем на сам разговор.",
    "Клиент редко говорит о бюджете прямо, но всегда о нём думает.",
    "Воронка продаж показывает не только потери, но и точки роста.",
    "Хорошая база клиентов стоит дороже любой рекламной кампании.",
    "Сегментация помогает понять, кому звонить в понедельник утром.",
    "Переговоры начинаются задолго до первой встречи.",
    "Ёмкий ответ на возражение лучше длинной презентации.",
]


@dataclass(frozen=True)
class Issue:
    year: int
    number: int
    articles: int

    @property
    def key(self) -> str:
        return f"{JOURNAL}/{self.year}/{self.number}"


ISSUES = [Issue(2008, 1, 1), Issue(2010, 1, 2), Issue(2010, 2, 2), Issue(2014, 1, 3),
          Issue(2016, 3, 1)]


@dataclass
class Post:
    """One generated post: its front matter values and where its file goes."""

    index: int
    title: str
    slug: str
    day: date
    time: str | None
    categories: list[str]
    tags: list[str]
    authors: list[str]
    custom_slug: str | None = None
    issue: str | None = None
    draft: bool = False
    more: bool = False
    body: list[str] = field(default_factory=list)

    @property
    def file(self) -> str:
        """Path under content/."""
        return f"posts/{self.day.year}/{self.index:03d}-{self.slug}.md"

    def link_to(self, other: Post, text: str, anchor: str = "") -> str:
        """A Markdown link from this post's file to `other`'s file, relative as editors write."""
        path = posixpath.relpath(other.file, posixpath.dirname(self.file))
        return f"[{text}]({path}{'#' + anchor if anchor else ''})"


def generate(root: Path, posts: int = 300) -> Path:
    """Write the fixture project (mkdocs.yml, content/) into `root` and return `root`."""
    if posts < 20:
        raise ValueError("the generator needs at least 20 posts to place every feature")
    rng = random.Random(1)
    entries = _posts(rng, posts)
    files: dict[str, str | bytes] = {
        "authors.yml": yaml.safe_dump(AUTHORS, allow_unicode=True, sort_keys=False),
        "images/skhema.svg": _svg("Схема воронки"),
        f"journal/{JOURNAL}/covers/2010-2.svg": _svg("Обложка"),
        **_journal(rng),
    }
    _write_bodies(rng, entries)
    files.update({post.file: _post_text(post) for post in entries})
    return write_project(root, files, full_site_config())


def _posts(rng: random.Random, count: int) -> list[Post]:
    span = (LAST_DAY - FIRST_DAY).days
    posts: list[Post] = []
    slugs: set[str] = set()
    for index in range(count):
        # Every fifth post shares the previous post's day: days with several posts.
        day = posts[-1].day if index % 5 == 4 else FIRST_DAY + timedelta(rng.randrange(span + 1))
        base = title = f"{rng.choice(OPENINGS)} {rng.choice(TOPICS)}{rng.choice(ENDINGS)}"
        suffix = 2
        while (slug := transliterate(title)) in slugs:  # unique URLs, whatever the month
            title, suffix = f"{base} (часть {suffix})", suffix + 1
        slugs.add(slug)
        posts.append(Post(
            index=index,
            title=title,
            slug=slug,
            day=day,
            time=f"{rng.randrange(8, 22):02d}:{rng.choice(['00', '15', '30', '45'])}"
            if index % 3 else None,
            categories=rng.sample(CATEGORIES, rng.randint(1, 3)),
            tags=rng.sample(TAGS, rng.randint(2, 4)),
            authors=rng.sample(sorted(AUTHORS), rng.randint(0, 2)),
            draft=index % 47 == 5,
            more=index % 11 == 3,
        ))
    posts[7].custom_slug = "заметки-на-полях"  # a Cyrillic slug: a percent-encoded URL
    published = [p for p in posts if not p.draft]
    for issue, post in zip(ISSUES, published[10::37], strict=False):
        post.issue = issue.key
    return posts


def _write_bodies(rng: random.Random, posts: list[Post]) -> None:
    published = [p for p in posts if not p.draft]
    claims_post, matrix_post = published[1], published[2]
    for post in posts:
        paragraphs = [" ".join(rng.sample(SENTENCES, 3)) for _ in range(rng.randint(2, 4))]
        post.body = [paragraphs[0]]
        if post.more:
            post.body.append("<!-- more -->")
        for heading, paragraph in zip(rng.sample(HEADINGS, rng.randint(1, 3)), paragraphs[1:],
                                      strict=False):
            post.body += [f"## {heading}", paragraph]
        post.body += ["## Итоги {#itogi}", rng.choice(SENTENCES), "[К итогам](#itogi)"]
        if post.index % 9 == 4 and not post.draft:
            other = rng.choice([p for p in published if p is not post])
            post.body.append(f"Читайте также: {post.link_to(other, 'см. также')}, "
                             f"и {post.link_to(other, 'итоги той записи', 'itogi')}.")
    claims_post.body += [CLAIMS, MATRIX]
    matrix_post.body += [MATRIX, CLAIMS.replace("Возражение", "Отговорка")]
    published[3].body.append(
        f"Вторую отговорку разбираем в записи "
        f"{published[3].link_to(matrix_post, 'об отговорках', 'otgovorka-2')}.")
    published[4].body.append(
        "![Схема воронки](" + posixpath.relpath("images/skhema.svg",
                                               posixpath.dirname(published[4].file)) + ")")
    published[5].body.append(
        f"Про цены — в записи {published[5].link_to(posts[7], 'с кириллическим адресом')}.")


def _post_text(post: Post) -> str:
    front: dict[str, object] = {
        "title": post.title,
        "date": post.day.isoformat() + (f" {post.time}" if post.time else ""),
        "categories": post.categories,
        "tags": post.tags,
    }
    if post.custom_slug:
        front["slug"] = post.custom_slug
    if post.authors:
        front["authors"] = post.authors
    if post.issue:
        front["issue"] = post.issue
    if post.draft:
        front["draft"] = True
    if post.index % 25 == 3:  # an old address, as imported WordPress posts have
        front["aliases"] = [f"/archives/{post.index}/"]
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{header}---\n\n" + "\n\n".join(post.body) + "\n"


def _journal(rng: random.Random) -> dict[str, str]:
    index = {"name": "Вестник продаж", "publisher": "Издательство «Тест»",
             "description": "Журнал сгенерированного архива."}
    files = {f"journal/{JOURNAL}/index.md":
             f"---\n{yaml.safe_dump(index, allow_unicode=True)}---\n\nО журнале.\n"}
    keys = sorted(AUTHORS)
    for issue in ISSUES:
        articles = [{"title": f"{rng.choice(OPENINGS)} {rng.choice(TOPICS)}",
                     "authors": rng.sample(keys, rng.randint(1, 2)),
                     "rubric": rng.choice(CATEGORIES),
                     "abstract": " ".join(rng.sample(SENTENCES, 2))}
                    for _ in range(issue.articles)]
        front: dict[str, object] = {"year": issue.year, "number": issue.number,
                                    "status": "вышел из печати", "articles": articles,
                                    "other_authors": rng.sample(keys, 2)}
        if (issue.year, issue.number) == (2010, 2):
            front["cover"] = "covers/2010-2.svg"
        header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
        files[f"journal/{JOURNAL}/{issue.year}-{issue.number}.md"] = \
            f"---\n{header}---\n\nАнонс номера {issue.number} за {issue.year} год.\n"
    return files


def _svg(label: str) -> str:
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
            f'<text x="4" y="24">{label}</text></svg>\n')


CLAIMS = """/// claims | Возражение №{n}.
1. «Нам это не нужно».

    Спросите, как клиент решает эту задачу сегодня и во что ему это обходится.

2. «Пришлите предложение на почту».

    Договоритесь о звонке, на котором вы вместе разберёте предложение.

3. «Мы подумаем».

    Узнайте, что именно клиенту нужно обдумать и кто ещё участвует в решении.
///"""

MATRIX = """/// matrix | Приоритеты заявок
rows: Быстро, Долго
columns: Много, Мало

1. [Быстро, много] Первая группа

    Крупный клиент с горячей потребностью.

2. [Быстро, мало] Вторая группа

    Небольшой заказ, который легко закрыть.

3. [Долго, много] Третья группа

    Крупный клиент, которому нужно время.

4. [Долго, мало] Четвёртая группа

    Заявки, которые можно отложить.
///"""


if __name__ == "__main__":  # python -m tests.generated_site FOLDER [POSTS]
    generate(Path(sys.argv[1]), *(int(n) for n in sys.argv[2:3]))
