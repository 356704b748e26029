"""Reading the whole content tree and checking it before anything is written."""

import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from PIL import Image as PILImage

from citylearn.content_import.schema import PROVISION_DEFAULTS, clean_mapping
from citylearn.content_import.sources import (
    LESSON_FILE,
    MAX_IMAGE_PIXELS,
    SLUG,
    SYMLINK_REFUSED,
    Problem,
    Source,
    SourceError,
    read_bytes,
    read_markdown,
    read_yaml_file,
)
from citylearn.core.site_structure import INDEX_SLUGS, LINK_KINDS
from citylearn.letters.enums import Right
from citylearn.quizzes import rules

IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)")
LINK = re.compile(r"\]\((?P<kind>[a-z]+):(?P<target>[^)\s]+)\)")
# A whole line, at the start of the line: `!!! include shared:<slug>`.
INCLUDE = re.compile(r"^(?P<indent>\s*)!!! include\b\s*(?P<target>.*?)\s*$")
# The expanded body is held to the limit of the file it replaces in the page.
MAX_EXPANDED_BODY = 256 * 1024
MARKDOWN_KINDS = (
    "course",
    "lesson",
    "case",
    "explainer",
    "register",
    "letter",
    "about",
    "shared",
)
CONTENT_ENTRIES = (
    "courses",
    "cases",
    "explainers",
    "register",
    "letters",
    "selfchecks",
    "about",
    "shared",
    "laws",
    "glossary.yaml",
)


@dataclass
class ContentTree:
    root: Path
    courses: list[Source] = field(default_factory=list)
    lessons: list[Source] = field(default_factory=list)
    quizzes: list[Source] = field(default_factory=list)
    cases: list[Source] = field(default_factory=list)
    explainers: list[Source] = field(default_factory=list)
    register: list[Source] = field(default_factory=list)
    letters: list[Source] = field(default_factory=list)
    selfchecks: list[Source] = field(default_factory=list)
    about: list[Source] = field(default_factory=list)
    shared: list[Source] = field(default_factory=list)
    laws: list[Source] = field(default_factory=list)
    glossary: Source | None = None
    risks: Source | None = None  # the explainer of each governance risk
    problems: list[Problem] = field(
        default_factory=list
    )  # not tied to a readable source

    def sources(self) -> list[Source]:
        groups = [self.laws, self.courses, self.lessons, self.quizzes, self.cases]
        groups += [
            self.explainers,
            self.register,
            self.letters,
            self.selfchecks,
            self.about,
            self.shared,
            [self.glossary] if self.glossary else [],
            [self.risks] if self.risks else [],
        ]
        return [source for group in groups for source in group]

    def all_problems(self) -> list[Problem]:
        return self.problems + [p for source in self.sources() for p in source.problems]


def read_tree(root: Path) -> ContentTree:
    """Every content file under root, parsed; unreadable files become problems.

    A file that exists but cannot be read is kept as a source with its problem, so
    that its page is left as it is: only a file that is gone unpublishes its page.
    """
    tree = ContentTree(root=root)
    if not root.is_dir():
        tree.problems.append(Problem(str(root), 1, "not a directory"))
        return tree
    # A wrong path must not read as "every source removed" and unpublish the site.
    if not any(os.path.lexists(root / name) for name in CONTENT_ENTRIES):
        tree.problems.append(
            Problem(
                str(root),
                1,
                f"not a content folder: it has none of {', '.join(CONTENT_ENTRIES)}",
            )
        )
        return tree

    def folder(path: Path) -> bool:
        if path.is_symlink():
            tree.problems.append(Problem(str(path), 1, SYMLINK_REFUSED))
            return False
        return path.is_dir()

    def read(reader, path: Path, kind: str, slug: str, group: list | None):
        relative = path.relative_to(root).as_posix()
        if not SLUG.match(slug):
            tree.problems.append(
                Problem(
                    str(path),
                    1,
                    f"'{slug}' is not a valid slug (lower-case a-z, 0-9, -)",
                )
            )
            return None
        try:
            source = reader(path, path, relative, kind, slug)
        except SourceError as error:
            source = Source(path, relative, kind, slug, data=None, lines={})
            source.readable = False
            source.problem(error.line, error.message)
        if group is not None:
            group.append(source)
        return source

    courses_dir = root / "courses"
    for course_dir in sorted(courses_dir.iterdir()) if folder(courses_dir) else []:
        if not folder(course_dir):
            if not course_dir.is_symlink():
                tree.problems.append(
                    Problem(str(course_dir), 1, "expected a course folder")
                )
            continue
        if os.path.lexists(course_dir / "course.md"):
            read(
                read_markdown,
                course_dir / "course.md",
                "course",
                course_dir.name,
                tree.courses,
            )
        else:
            tree.problems.append(Problem(str(course_dir), 1, "missing course.md"))
        for path in sorted(course_dir.iterdir()):
            lesson = LESSON_FILE.match(path.name)
            if path.name == "course.md":
                continue
            if path.name == "quiz.yaml":
                quiz = read(read_yaml_file, path, "quiz", course_dir.name, tree.quizzes)
                if quiz:
                    quiz.parent_slug = course_dir.name
            elif lesson:
                source = read(
                    read_markdown, path, "lesson", lesson["slug"], tree.lessons
                )
                if source:
                    source.order = int(lesson["order"])
                    source.parent_slug = course_dir.name
            else:
                tree.problems.append(
                    Problem(str(path), 1, "unknown file: lessons are named NN-slug.md")
                )

    for folder_name, kind, group, suffix, reader in (
        ("cases", "case", tree.cases, ".md", read_markdown),
        ("explainers", "explainer", tree.explainers, ".md", read_markdown),
        ("register", "register", tree.register, ".md", read_markdown),
        ("letters", "letter", tree.letters, ".md", read_markdown),
        ("about", "about", tree.about, ".md", read_markdown),
        ("shared", "shared", tree.shared, ".md", read_markdown),
        ("selfchecks", "selfcheck", tree.selfchecks, ".yaml", read_yaml_file),
        ("laws", "law", tree.laws, ".yaml", read_yaml_file),
    ):
        kind_dir = root / folder_name
        for path in sorted(kind_dir.glob("*")) if folder(kind_dir) else []:
            if path.suffix != suffix:
                tree.problems.append(
                    Problem(str(path), 1, f"unknown file: expected {suffix}")
                )
                continue
            read(reader, path, kind, path.stem, group)

    if os.path.lexists(root / "glossary.yaml"):
        tree.glossary = read(
            read_yaml_file, root / "glossary.yaml", "glossary", "glossary", None
        )
    if os.path.lexists(root / "risks.yaml"):
        tree.risks = read(read_yaml_file, root / "risks.yaml", "risks", "risks", None)
    return tree


def validate_tree(
    tree: ContentTree,
    existing_slugs: dict[str, set[str]],
    drawn_questions: dict[tuple[str, str], tuple[str, int]] | None = None,
) -> None:
    """Check every source and the links between them; problems go onto the sources.

    drawn_questions: (course slug, question id) -> (type, number of choices) of the
    questions learners have already been given, whose shape must stay as it is.
    """
    for source in tree.sources():
        if not source.readable:
            continue
        if source.kind in MARKDOWN_KINDS:
            source.fields = clean_mapping(source, source.data, source.kind)
        if source.kind == "letter":
            _check_right(source)
        elif source.kind == "quiz":
            _validate_question_file(source, "quiz-file")
            _check_drawn_questions(source, drawn_questions or {})
        elif source.kind == "selfcheck":
            _validate_question_file(source, "selfcheck")
        elif source.kind == "glossary":
            _validate_glossary(source)
        elif source.kind == "risks":
            source.fields = clean_mapping(source, source.data, "risks")
        elif source.kind == "law":
            _validate_law_file(source)

    _check_provision_keys(tree)
    _check_about_slugs(tree)
    known = _known_slugs(tree, existing_slugs)
    # Terms of a broken glossary are unknown: its own error says so, once.
    if tree.glossary and tree.glossary.fields is None:
        known["glossary"] = None
    for source in tree.sources():
        _check_links_and_images(tree.root, source, known)
    _expand_includes(tree)
    _check_lessons(tree)
    _check_checkpoints(tree)
    _wait_for_broken_sources(tree, existing_slugs)


def _check_about_slugs(tree: ContentTree) -> None:
    # About pages sit next to the site's areas and self-checks, at the top of the site.
    taken = {*INDEX_SLUGS.values(), *(source.slug for source in tree.selfchecks)}
    for source in tree.about:
        if source.slug in taken:
            source.problem(1, f"'{source.slug}' is already the address of another page")


def _known_slugs(
    tree: ContentTree, existing: dict[str, set[str]]
) -> dict[str, set[str]]:
    known = {kind: set(existing.get(kind, ())) for kind in LINK_KINDS}
    # A page's file has the kind of the links to it; lessons and glossary terms differ.
    for source in tree.sources():
        if source.kind in known and source.kind not in ("lesson", "glossary"):
            known[source.kind].add(source.slug)
    known["lesson"].update(f"{s.parent_slug}/{s.slug}" for s in tree.lessons)
    # A provision of a broken law file is known: its citers wait for the file.
    known["provision"].update(key for source in tree.laws for key in _law_keys(source))
    if tree.glossary and isinstance(tree.glossary.data, list):
        known["glossary"].update(
            item.get("slug") for item in tree.glossary.data if isinstance(item, dict)
        )
    return known


def _markdown_texts(source: Source) -> list[tuple[int, str]]:
    """(first line, text) of every Markdown text in a source."""
    texts = [(source.body_line, source.body)] if source.body else []
    if source.kind in ("quiz", "selfcheck") and isinstance(source.data, dict):
        questions = source.data.get("questions")
        for index, question in enumerate(
            questions if isinstance(questions, list) else []
        ):
            if not isinstance(question, dict):
                continue
            for key in ("stem", "explanation"):
                if isinstance(question.get(key), str):
                    line = source.line_of(f"questions[{index}].{key}")
                    texts.append((line, question[key]))
    if source.kind == "glossary" and isinstance(source.data, list):
        for index, item in enumerate(source.data):
            if isinstance(item, dict) and isinstance(item.get("definition"), str):
                texts.append(
                    (source.line_of(f"[{index}].definition"), item["definition"])
                )
    return texts


def _check_links_and_images(
    root: Path, source: Source, known: dict[str, set[str]]
) -> None:
    for first_line, text in _markdown_texts(source):
        for offset, line in enumerate(text.splitlines()):
            number = first_line + offset
            for link in LINK.finditer(line):
                kind, target = link["kind"], link["target"]
                if kind in ("http", "https", "mailto"):
                    continue
                if kind not in LINK_KINDS:
                    source.problem(
                        number, f"link '{kind}:{target}' has an unknown kind"
                    )
                elif known[kind] is not None and target not in known[kind]:
                    source.problem(
                        number, f"broken internal link: no {kind} '{target}'"
                    )
                else:
                    source.links.append((number, kind, target))
            for image in IMAGE.finditer(line):
                if not image["alt"].strip():
                    source.problem(number, f"image '{image['src']}' has no alt text")
                if not image["src"].startswith(("https://", "http://")):
                    problem = image_problem(root, image["src"])
                    if problem:
                        source.problem(number, f"image file '{image['src']}' {problem}")

    # A law file's own provisions are definitions, not citations.
    fields = (source.fields or {}) if source.kind != "law" else {}
    slug_lists = {
        "related_courses": "course",
        "related_explainers": "explainer",
        "related": "explainer",
        "provisions": "provision",
    }
    for key, kind in slug_lists.items():
        for index, slug in enumerate(fields.get(key, [])):
            line = source.lines.get(f"{key}[{index}]", source.line_of(key))
            if slug not in known[kind]:
                source.problem(line, f"'{key}' names no {kind} '{slug}'")
            else:
                source.links.append((line, kind, slug))
    for index, cited in enumerate(fields.get("articles") or []):
        where = f"articles[{index}]"
        line = source.lines.get(f"{where}.provision", source.line_of(where))
        if cited["provision"] not in known["provision"]:
            source.problem(
                line, f"'articles' names no provision '{cited['provision']}'"
            )
        else:
            source.links.append((line, "provision", cited["provision"]))
    for index, question in enumerate(fields.get("questions") or []):
        for number, key in enumerate(question.get("provisions", [])):
            where = f"questions[{index}].provisions"
            line = source.lines.get(f"{where}[{number}]", source.line_of(where))
            if key not in known["provision"]:
                source.problem(line, f"'provisions' names no provision '{key}'")
            else:
                source.links.append((line, "provision", key))
    if source.kind == "risks":
        for risk, explainer in fields.items():
            line = source.line_of(risk)
            if explainer not in known["explainer"]:
                source.problem(line, f"'{risk}' names no explainer '{explainer}'")
            else:
                source.links.append((line, "explainer", explainer))
    explainer = (
        fields.get("explainer") if source.kind in ("register", "letter") else None
    )
    if explainer and explainer not in known["explainer"]:
        source.problem(source.line_of("explainer"), f"no explainer '{explainer}'")
    elif explainer:
        source.links.append((source.line_of("explainer"), "explainer", explainer))


def _expand_includes(tree: ContentTree) -> None:
    """Put each shared text into the bodies that include it, at import.

    The including file's digest takes in the shared file's, so that a changed shared
    text gives every page that includes it a new revision. A shared text includes
    nothing itself; a broken one keeps its includers waiting, as a broken page does.
    """
    shared = {source.slug: source for source in tree.shared}
    # The shared texts first: whether each is usable is known before its includers.
    others = [source for source in tree.sources() if source.kind != "shared"]
    for source in [*tree.shared, *others]:
        if source.kind not in MARKDOWN_KINDS or not source.readable:
            continue
        lines, digests, included = source.body.splitlines(), [], False
        for offset, line in enumerate(lines):
            match = INCLUDE.match(line)
            if not match:
                continue
            number = source.body_line + offset
            target = match["target"]
            if source.kind == "shared":
                source.problem(number, "a shared text cannot include another one")
                continue
            if match["indent"]:
                source.problem(
                    number, "'!!! include' must start at the beginning of its line"
                )
                continue
            kind, __, slug = target.partition(":")
            if kind != "shared" or not slug:
                source.problem(
                    number, f"'!!! include {target}' must name 'shared:<slug>'"
                )
                continue
            text = shared.get(slug)
            if text is None:
                source.problem(number, f"include of an unknown shared text '{slug}'")
                continue
            if not text.importable:
                source.waits_on = text.waits_on or [text.relative]
                continue
            lines[offset] = text.body
            digests.append(text.digest)
            source.links.extend(
                (number, kind, target) for __, kind, target in text.links
            )
            included = True
        if not included or source.problems:
            continue
        source.body = "\n".join(lines)
        if len(source.body.encode()) > MAX_EXPANDED_BODY:
            source.problem(
                1,
                "with its shared texts included, the text is larger than "
                f"{MAX_EXPANDED_BODY // 1024} KB, the limit for a Markdown file",
            )
        source.digest = hashlib.sha256(
            "".join([source.digest, *digests]).encode()
        ).hexdigest()


def _wait_for_broken_sources(tree: ContentTree, existing: dict[str, set[str]]) -> None:
    """A file linking to a page that only a broken file would create waits for it.

    The broken file is reported once, with the files that wait on it, rather than
    as a broken link in each of them; a lesson or quiz waits with its course. A
    glossary link never waits: the glossary page is always there.
    """
    pages = {(s.kind, s.slug): s for s in tree.sources() if s.kind in LINK_KINDS}
    pages.update({("lesson", f"{s.parent_slug}/{s.slug}"): s for s in tree.lessons})
    pages.update({("provision", key): s for s in tree.laws for key in _law_keys(s)})

    def blockers(source: Source):
        if source.kind in ("lesson", "quiz"):
            yield pages.get(("course", source.parent_slug))
        for __, kind, target in source.links:
            if target not in existing.get(kind, ()):
                yield pages.get((kind, target))

    changed = True
    while changed:
        changed = False
        for source in tree.sources():
            if not source.importable:
                continue
            for blocker in blockers(source):
                if blocker is not None and not blocker.importable:
                    source.waits_on = blocker.waits_on or [blocker.relative]
                    changed = True
                    break

    waiting: dict[str, list[str]] = {}
    for source in tree.sources():
        for relative in source.waits_on:
            waiting.setdefault(relative, []).append(source.relative)
    for source in tree.sources():
        if source.relative in waiting:
            files = ", ".join(sorted(waiting[source.relative]))
            source.problem(
                1, f"files that depend on this one wait until it is fixed: {files}"
            )


def image_problem(root: Path, relative: str) -> str | None:
    """Why the image at relative cannot be imported, or None; it must stay inside root."""
    parts = PurePosixPath(relative).parts
    if PurePosixPath(relative).is_absolute() or ".." in parts:
        return "is outside the content folder: give a path relative to it, without '..'"
    path = root
    for part in parts:
        path = path / part
        if path.is_symlink():
            return SYMLINK_REFUSED
    if not path.exists():
        return "does not exist"
    try:
        raw = read_bytes(path, "an image")
    except SourceError as error:
        return error.message
    try:
        with PILImage.open(io.BytesIO(raw)) as image:
            image.verify()
            width, height = image.size
    except (OSError, SyntaxError, PILImage.DecompressionBombError):
        return "is not a readable image"
    if width * height > MAX_IMAGE_PIXELS:
        return (
            f"is {width}×{height} pixels, more than the limit of "
            f"{MAX_IMAGE_PIXELS // 1_000_000} million pixels"
        )
    return None


def _check_right(source: Source) -> None:
    # The file name says which right the letter exercises: one letter per right.
    if source.slug not in Right.values:
        source.problem(
            1,
            f"'{source.slug}' is not a right a letter can exercise: name the file "
            f"after one of {', '.join(Right.values)}",
        )
        source.fields = None


def _check_lessons(tree: ContentTree) -> None:
    broken_courses = {s.slug for s in tree.courses if s.problems}
    seen: dict[tuple[str, str], Source] = {}
    orders: dict[tuple[str, int], Source] = {}
    for lesson in tree.lessons:
        key = (lesson.parent_slug, lesson.slug)
        if key in seen:
            lesson.problem(1, f"duplicate slug '{lesson.slug}': also {seen[key].path}")
        seen[key] = lesson
        order_key = (lesson.parent_slug, lesson.order)
        if order_key in orders:
            lesson.problem(
                1, f"lesson number {lesson.order:02d} is also {orders[order_key].path}"
            )
        orders[order_key] = lesson
    courses = {s.slug for s in tree.courses}
    for source in tree.lessons + tree.quizzes:
        if source.parent_slug in broken_courses:
            source.problem(1, "not imported: the course's course.md has errors")
        elif source.parent_slug not in courses:
            source.problem(1, "not imported: the course folder has no usable course.md")


def _check_checkpoints(tree: ContentTree) -> None:
    """A lesson's checkpoints must be questions of its own course's quiz.yaml."""
    banks = {}
    for quiz in tree.quizzes:
        questions = quiz.data.get("questions") if isinstance(quiz.data, dict) else None
        banks[quiz.parent_slug] = {
            str(item.get("id"))
            for item in (questions if isinstance(questions, list) else [])
            if isinstance(item, dict)
        }
    for lesson in tree.lessons:
        keys = (lesson.fields or {}).get("checkpoints", [])
        if keys and lesson.parent_slug not in banks:
            lesson.problem(
                lesson.line_of("checkpoints"),
                "'checkpoints' needs the course's quiz.yaml, which holds the questions",
            )
            continue
        for index, key in enumerate(keys):
            if key not in banks.get(lesson.parent_slug, ()):
                lesson.problem(
                    lesson.line_of(f"checkpoints[{index}]"),
                    f"checkpoint '{key}' is no question id in the course's quiz.yaml",
                )
        if lesson.problems:
            lesson.fields = None


def _validate_question_file(source: Source, schema: str) -> None:
    cleaned = clean_mapping(source, source.data, schema)
    if cleaned is None:
        source.fields = None
        return
    questions = _validate_questions(source, source.data["questions"])
    quiz = None
    if schema == "quiz-file":
        quiz = clean_mapping(source, source.data["quiz"], "quiz", where="quiz")
        if quiz and questions is not None:
            _validate_draws(source, quiz, questions)
    cleaned["questions"] = questions
    cleaned["quiz"] = quiz
    source.fields = None if source.problems else cleaned


def _check_drawn_questions(
    source: Source, drawn: dict[tuple[str, str], tuple[str, int]]
) -> None:
    if source.fields is None:
        return
    for index, question in enumerate(source.fields["questions"]):
        shape = drawn.get((source.parent_slug, question["id"]))
        if shape and not rules.keeps_drawn_shape(
            shape, (question["type"], len(question["choices"]))
        ):
            source.problem(
                source.line_of(f"questions[{index}]"),
                f"question '{question['id']}' has been given to learners: its type "
                "and number of choices cannot change; give the new version a new id",
                rules.DRAWN_QUESTION_SHAPE,
            )
    if source.problems:
        source.fields = None


def _validate_draws(source: Source, quiz: dict, questions: list[dict]) -> None:
    """Every attempt must be able to draw all its questions, whatever came out before."""
    window = rules.window_errors(
        opens_at=quiz.get("opens_at"),
        closes_at=quiz.get("closes_at"),
        answers_shown=quiz.get("answers_shown"),
    )
    if rules.CLOSES_BEFORE_OPENING in window.values():
        source.problem(
            source.line_of("quiz.closes_at"),
            "'closes_at' must be after 'opens_at'",
            rules.CLOSES_BEFORE_OPENING,
        )
    if rules.NEEDS_CLOSING_TIME in window.values():
        source.problem(
            source.line_of("quiz.answers_shown"),
            "'answers_shown: after-closing' needs a 'closes_at'",
            rules.NEEDS_CLOSING_TIME,
        )
    items = quiz.get("also_draw") or []
    if not isinstance(items, list):
        source.problem(source.line_of("quiz.also_draw"), "'also_draw' must be a list")
        items = []
    extra = []
    for index, item in enumerate(items):
        where = f"quiz.also_draw[{index}]"
        draw = clean_mapping(source, item, "quiz-draw", where=where)
        if draw:
            extra.append((where, [draw["tag"]], draw["count"]))
    quiz["also_draw"] = [{"tag": tags[0], "count": count} for __, tags, count in extra]
    draws = [("quiz.draw", quiz.get("tags") or [], quiz["draw"]), *extra]
    pools = [
        (
            {
                q["id"]
                for q in questions
                if not tags or set(tags) & set(q.get("tags", []))
            },
            count,
        )
        for __, tags, count in draws
    ]
    for shortfall in rules.draw_shortfalls(pools):
        where, tags, __ = draws[shortfall.index]
        what = f" tagged {', '.join(tags)}" if tags else ""
        taken = shortfall.taken
        left = f", of which earlier draws may take {taken}" if taken else ""
        source.problem(
            source.line_of(where),
            f"draw count {shortfall.count} is more than the "
            f"{shortfall.available} questions{what}{left}",
            rules.TOO_FEW_QUESTIONS,
        )


def _validate_questions(source: Source, data) -> list[dict] | None:
    if not isinstance(data, list) or not data:
        source.problem(
            source.line_of("questions"), "'questions' must be a non-empty list"
        )
        return None
    questions, ids = [], {}
    for index, item in enumerate(data):
        where = f"questions[{index}]"
        question = clean_mapping(source, item, "question", where=where)
        if question is None:
            continue
        line = source.line_of(where)
        if question["id"] in ids:
            source.problem(
                line,
                f"duplicate question id '{question['id']}' (line {ids[question['id']]})",
            )
        ids[question["id"]] = line
        question["choices"] = _validate_choices(source, question, item, where)
        questions.append(question)
    return questions


def _validate_choices(
    source: Source, question: dict, item: dict, where: str
) -> list[dict]:
    line = source.line_of(where)
    if question["type"] == "true_false":
        if "choices" in item:
            source.problem(line, "a true_false question has 'answer', not 'choices'")
        if "answer" not in question:
            source.problem(line, f"question '{question['id']}' has no correct answer")
            return []
        return [
            {"text": "正确", "correct": question["answer"]},
            {"text": "错误", "correct": not question["answer"]},
        ]
    if "answer" in item:
        source.problem(
            line, f"a {question['type']} question has 'choices', not 'answer'"
        )
    raw = item.get("choices")
    if not isinstance(raw, list) or not 2 <= len(raw) <= 6:
        source.problem(line, f"question '{question['id']}' needs 2 to 6 choices")
        return []
    choices = [
        clean_mapping(source, choice, "choice", where=f"{where}.choices[{i}]")
        for i, choice in enumerate(raw)
    ]
    choices = [c for c in choices if c is not None]
    right = [bool(choice.get("correct")) for choice in choices]
    error = rules.question_error(question["type"], right)
    if error and not any(right):
        source.problem(
            line, f"question '{question['id']}' has no correct answer", error
        )
    elif error:
        source.problem(
            line,
            f"single-choice question '{question['id']}' has {sum(right)} correct answers",
            error,
        )
    return [{"text": c["text"], "correct": c.get("correct", False)} for c in choices]


def _validate_glossary(source: Source) -> None:
    if not isinstance(source.data, list):
        source.problem(1, "the glossary must be a list of terms")
        source.fields = None
        return
    terms, slugs, names = [], {}, {}
    for index, item in enumerate(source.data):
        where = f"[{index}]"
        term = clean_mapping(source, item, "term", where=where)
        if term is None:
            continue
        line = source.line_of(where)
        if term["slug"] in slugs:
            source.problem(
                line, f"duplicate slug '{term['slug']}' (line {slugs[term['slug']]})"
            )
        if term["term"] in names:
            source.problem(
                line, f"duplicate term '{term['term']}' (line {names[term['term']]})"
            )
        slugs[term["slug"]] = names[term["term"]] = line
        terms.append(term)
    source.fields = None if source.problems else {"terms": terms}


def _law_keys(source: Source) -> list[str]:
    """The provision keys a law file names, read even when the file is invalid."""
    data = source.data if isinstance(source.data, dict) else {}
    provisions = data.get("provisions")
    return [
        item["key"]
        for item in (provisions if isinstance(provisions, list) else [])
        if isinstance(item, dict) and isinstance(item.get("key"), str)
    ]


def _validate_law_file(source: Source) -> None:
    law = clean_mapping(source, source.data, "law-file")
    if law is None:
        source.fields = None
        return
    raw = source.data["provisions"]
    if not isinstance(raw, list) or not raw:
        source.problem(
            source.line_of("provisions"), "'provisions' must be a non-empty list"
        )
        source.fields = None
        return
    provisions, keys = [], {}
    for index, item in enumerate(raw):
        where = f"provisions[{index}]"
        provision = clean_mapping(source, item, "provision", where=where)
        if provision is None:
            continue
        line = source.line_of(where)
        for key in PROVISION_DEFAULTS:
            if key not in provision and key not in law:
                source.problem(
                    line, f"'{key}' is given neither here nor for the whole law"
                )
            provision.setdefault(key, law.get(key))
        provision.setdefault("is_excerpt", False)
        if provision["key"] in keys:
            source.problem(
                line,
                f"duplicate provision key '{provision['key']}' "
                f"(line {keys[provision['key']]})",
            )
        keys[provision["key"]] = line
        provision["line"] = line
        provisions.append(provision)
    law["provisions"] = provisions
    source.fields = None if source.problems else law


def _check_provision_keys(tree: ContentTree) -> None:
    """A provision key names one provision across all law files; a law key one file."""
    seen: dict[str, str] = {}
    laws: dict[str, str] = {}
    for source in tree.laws:
        if not source.fields:
            continue
        if source.fields["key"] in laws:
            source.problem(
                source.line_of("key"),
                f"law '{source.fields['key']}' is also {laws[source.fields['key']]}",
            )
        laws[source.fields["key"]] = str(source.path)
        for provision in source.fields["provisions"]:
            key = provision["key"]
            if key in seen:
                source.problem(
                    provision["line"], f"provision '{key}' is also in {seen[key]}"
                )
            seen[key] = str(source.path)
        if source.problems:
            source.fields = None
