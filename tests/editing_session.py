"""An editors' session as Hypothesis plays it (`EditingSession`, a RuleBasedStateMachine): what
they have saved (posts in three months with tags, categories and authors, a draft, a journal
with an issue that a post announces, an authors registry) and the edits they make to it — add,
retitle, redate, re-tag, draft or undraft, delete a post; add or edit a journal issue; rename
an author; save a post with an impossible date, then save it back.

A test subclasses it with what a save does and what is checked after it: the fast preview
against clean builds (site/test_preview_differential.py), `letopis build` with its cache
against builds from nothing (site/test_cached_build_differential.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

MONTHS = ["2014-04", "2014-05", "2014-06"]
TAGS = ["Переговоры", "Клиенты", "Цены"]
CATEGORIES = ["Практика", "Теория"]
AUTHORS = {"ivanova": "Анна Иванова", "petrov": "Пётр Петров"}
PICK = st.integers(0, 20)  # which post or issue, modulo how many there are

@dataclass(frozen=True)
class PostText:
    title: str
    date: str  # YYYY-MM-DD HH:MM
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    author: str = "ivanova"
    draft: bool = False
    issue: str | None = None
    aliases: tuple[str, ...] = ()  # old addresses kept, as a build asks when a post moves

    def markdown(self) -> str:
        front: dict[str, object] = {"title": self.title, "date": self.date,
                                    "authors": [self.author]}
        if self.tags:
            front["tags"] = list(self.tags)
        if self.categories:
            front["categories"] = list(self.categories)
        if self.draft:
            front["draft"] = True
        if self.issue:
            front["issue"] = self.issue
        if self.aliases:
            front["aliases"] = list(self.aliases)
        return (f"---\n{yaml.safe_dump(front, allow_unicode=True, sort_keys=False)}---\n\n"
                f"Текст записи «{self.title}».\n")


@dataclass(frozen=True)
class IssueText:
    year: int
    number: int
    status: str
    article: str
    author: str

    def markdown(self) -> str:
        front = {"year": self.year, "number": self.number, "status": self.status,
                 "articles": [{"title": self.article, "authors": [self.author],
                               "abstract": f"Аннотация статьи «{self.article}»."}]}
        return (f"---\n{yaml.safe_dump(front, allow_unicode=True, sort_keys=False)}---\n\n"
                f"Анонс номера {self.number} за {self.year} год.\n")


@dataclass
class Content:
    """What the editors have saved: posts by file name, issues by number, the registry."""

    posts: dict[str, PostText] = field(default_factory=dict)
    issues: dict[int, IssueText] = field(default_factory=dict)
    authors: dict[str, str] = field(default_factory=lambda: dict(AUTHORS))

    def files(self) -> dict[str, str]:
        files = {
            "index.md": "# Главная\n\nВступление к архиву.\n",
            "authors.yml": yaml.safe_dump(self.authors, allow_unicode=True),
            "journal/vestnik/index.md": "---\nname: Вестник продаж\n---\n\nО журнале.\n",
        }
        files |= {f"posts/{name}.md": post.markdown() for name, post in self.posts.items()}
        files |= {f"journal/vestnik/2014-{number}.md": issue.markdown()
                  for number, issue in self.issues.items()}
        return files


def initial_content() -> Content:
    return Content(
        posts={
            "p1": PostText("Первая запись", "2014-05-07 10:00", ("Переговоры",), ("Практика",)),
            "p2": PostText("Вторая запись", "2014-05-07 18:00", ("Клиенты",), ("Теория",),
                           author="petrov"),
            "p3": PostText("Третья запись", "2014-05-20 09:00", ("Переговоры", "Цены")),
            "p4": PostText("Вышел первый номер", "2014-06-02 12:00", (), ("Практика",),
                           issue="vestnik/2014/1"),
            "p5": PostText("Черновик", "2014-06-15 08:00", ("Цены",), draft=True),
        },
        issues={1: IssueText(2014, 1, "вышел из печати", "Портфель клиентов", "ivanova")},
    )


def sync(root: Path, files: dict[str, str]) -> bool:
    """Make root/content hold exactly `files`; whether anything was written or removed."""
    content = root / "content"
    changed = False
    present = {p.relative_to(content).as_posix() for p in content.rglob("*") if p.is_file()}
    for name in present - files.keys():
        (content / name).unlink()
        changed = True
    for name, text in files.items():
        path = content / name
        if name not in present or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed = True
    return changed



class EditingSession(RuleBasedStateMachine):
    """The editors' content and their edits; a subclass says what saving it does (`save`),
    what is checked (`check`, after the first build too) and what a broken save does
    (`save_broken`)."""

    def __init__(self) -> None:
        super().__init__()
        self.content = initial_content()
        self.counter = 0

    def save(self) -> None:
        raise NotImplementedError

    def check(self) -> None:
        raise NotImplementedError

    def save_broken(self, name: str) -> None:
        """Save post `name` with an impossible date, check what that does, save it back."""
        raise NotImplementedError

    def new_title(self, word: str) -> str:
        self.counter += 1
        return f"{word} {self.counter}"

    # -- the editors' actions ---------------------------------------------------------------

    @initialize()
    def start(self) -> None:
        self.check()  # the first build

    @rule(word=st.sampled_from(["Заметка", "Встреча", "Сделка"]),
          month=st.sampled_from(MONTHS), day=st.integers(1, 28),
          tags=st.lists(st.sampled_from(TAGS), max_size=2, unique=True),
          category=st.sampled_from([None, *CATEGORIES]))
    def add_post(self, word: str, month: str, day: int, tags: list[str],
                 category: str | None) -> None:
        title = self.new_title(word)
        self.content.posts[f"n{self.counter}"] = PostText(
            title, f"{month}-{day:02d} 11:00", tuple(tags), (category,) if category else ())
        self.save()

    def post_name(self, pick: int) -> str:
        """A post chosen by number (rules stay plain methods that tests can call)."""
        names = sorted(self.content.posts)
        return names[pick % len(names)]

    @rule(pick=PICK, word=st.sampled_from(["Новое", "Иное"]))
    def retitle(self, pick: int, word: str) -> None:
        name = self.post_name(pick)
        post = self.content.posts[name]
        self.content.posts[name] = replace(post, title=self.new_title(word))
        self.save()

    @rule(pick=PICK, later=st.integers(1, len(MONTHS) - 1), day=st.integers(1, 28))
    def redate(self, pick: int, later: int, day: int) -> None:
        """To another month: `later` months on, round the months of the fixture."""
        name = self.post_name(pick)
        post = self.content.posts[name]
        month = MONTHS[(MONTHS.index(post.date[:7]) + later) % len(MONTHS)]
        self.content.posts[name] = replace(post, date=f"{month}-{day:02d} 11:00")
        self.save()

    @rule(pick=PICK, tags=st.lists(st.sampled_from(TAGS), max_size=2, unique=True),
          category=st.sampled_from([None, *CATEGORIES]))
    def retag(self, pick: int, tags: list[str], category: str | None) -> None:
        name = self.post_name(pick)
        self.content.posts[name] = replace(self.content.posts[name], tags=tuple(tags),
                                           categories=(category,) if category else ())
        self.save()

    @rule(pick=PICK)
    def toggle_draft(self, pick: int) -> None:
        name = self.post_name(pick)
        post = self.content.posts[name]
        self.content.posts[name] = replace(post, draft=not post.draft)
        self.save()

    @precondition(lambda self: len(self.content.posts) > 1)
    @rule(pick=PICK)
    def delete_post(self, pick: int) -> None:
        del self.content.posts[self.post_name(pick)]
        self.save()

    @rule(word=st.sampled_from(["Сегменты", "Приоритеты"]),
          author=st.sampled_from(sorted(AUTHORS)))
    def add_issue(self, word: str, author: str) -> None:
        number = max(self.content.issues) + 1
        self.content.issues[number] = IssueText(2014, number, "подписан в печать",
                                                self.new_title(word), author)
        self.save()

    @rule(pick=PICK, status=st.sampled_from(["вышел из печати", "готовится"]))
    def edit_issue(self, pick: int, status: str) -> None:
        numbers = sorted(self.content.issues)
        number = numbers[pick % len(numbers)]
        issue = self.content.issues[number]
        self.content.issues[number] = replace(issue, status=status,
                                              article=self.new_title("Статья"))
        self.save()

    @rule(key=st.sampled_from(sorted(AUTHORS)))
    def rename_author(self, key: str) -> None:
        self.counter += 1
        self.content.authors[key] = f"{AUTHORS[key]} {self.counter}"
        self.save()

    @rule(pick=PICK)
    def break_then_fix(self, pick: int) -> None:
        self.save_broken(self.post_name(pick))


def play(session: type[EditingSession], steps: Sequence[tuple]) -> None:
    """A fixed sequence of edits (rule name, its arguments) in a new `session`, after its
    first build, as Hypothesis would play them, and its teardown whatever happens."""
    machine = session()
    try:
        machine.start()
        for name, *args in steps:
            getattr(machine, name)(*args)
    finally:
        machine.teardown()
