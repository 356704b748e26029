"""Reading content/ files: front matter and YAML with the line of every key, for errors."""

import hashlib
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LESSON_FILE = re.compile(r"^(?P<order>\d{2})-(?P<slug>.+)\.md$")

SYMLINK_REFUSED = (
    "is a symbolic link: content files must be real files in the content folder"
)

# Checked before a file is read: one oversized file must not fill a page or the memory.
MAX_BYTES = {
    "a Markdown file": 256 * 1024,
    "a YAML file": 512 * 1024,
    "an image": 5 * 1024 * 1024,
}
# A small file can hold a huge image, and every rendition would decode it whole.
MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str
    # The rule's code where the rule is the site's own (e.g. `quizzes.rules`).
    code: str = ""

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}"


class SourceError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Source:
    """One file of content/: what it holds and where each part of it is."""

    path: Path  # as shown in messages
    relative: str  # relative to the content root: the key the importer remembers
    kind: str
    slug: str
    data: dict
    lines: dict  # top-level key -> line; "key[i]" -> line of the i-th item of a list
    body: str = ""
    body_line: int = 1
    digest: str = ""
    order: int = 0
    parent_slug: str = ""  # a lesson's or quiz's course
    fields: dict | None = None  # the checked values, once validated
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True
    # Links as (line, kind, target); and the broken files this one waits on.
    links: list[tuple[int, str, str]] = field(default_factory=list)
    waits_on: list[str] = field(default_factory=list)

    def problem(self, line: int, message: str, code: str = "") -> None:
        self.problems.append(Problem(str(self.path), line, message, code))

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)

    @property
    def importable(self) -> bool:
        return not self.problems and not self.waits_on


def _node_lines(node, prefix: str, lines: dict) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            name = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            lines[name] = key_node.start_mark.line + 1
            _node_lines(value_node, name, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            name = f"{prefix}[{index}]"
            lines[name] = item.start_mark.line + 1
            _node_lines(item, name, lines)


class _Loader(yaml.SafeLoader):
    """The safe loader, with a date that does not exist (2026-02-30) a YAML error
    on its line rather than a crash of the whole import."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as error:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"'{node.value}' is not a real date ({error})",
                node.start_mark,
            ) from error


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def load_yaml(text: str, first_line: int = 1) -> tuple[object, dict]:
    """Parse YAML; return the data and the line of each key (offset by first_line - 1)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark else first_line
        reason = getattr(error, "problem", None) or str(error)
        raise SourceError(line, f"invalid YAML: {reason}") from error
    lines: dict = {}
    if node is not None:
        _node_lines(node, "", lines)
    return data, {key: line + first_line - 1 for key, line in lines.items()}


def _size(amount: int) -> str:
    return (
        f"{amount / 1024 / 1024:g} MB"
        if amount >= 1024 * 1024
        else f"{amount // 1024} KB"
    )


def read_bytes(path: Path, kind: str) -> bytes:
    """A regular file inside the content tree, no larger than its kind's limit."""
    try:
        status = path.lstat()
    except OSError as error:
        raise SourceError(1, f"cannot be read: {error.strerror}") from error
    if stat.S_ISLNK(status.st_mode):
        raise SourceError(1, SYMLINK_REFUSED)
    if not stat.S_ISREG(status.st_mode):
        raise SourceError(1, "is not a regular file")
    limit = MAX_BYTES[kind]
    too_large = f"is larger than {_size(limit)}, the limit for {kind}"
    if status.st_size > limit:
        raise SourceError(1, too_large)
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)  # the file may have grown since lstat
    except OSError as error:
        raise SourceError(1, f"cannot be read: {error.strerror}") from error
    if len(raw) > limit:
        raise SourceError(1, too_large)
    return raw


def read_text(path: Path, kind: str) -> tuple[str, bytes]:
    raw = read_bytes(path, kind)
    if not raw.strip():
        raise SourceError(1, "the file is empty")
    try:
        return raw.decode("utf-8-sig"), raw
    except UnicodeDecodeError as error:
        raise SourceError(1, "the file is not UTF-8 text") from error


def read_markdown(
    path: Path, shown: Path, relative: str, kind: str, slug: str
) -> Source:
    """A Markdown file with YAML front matter between two `---` lines."""
    text, raw = read_text(path, "a Markdown file")
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise SourceError(
            1, "missing front matter: the file must start with a '---' line"
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise SourceError(1, "front matter is not closed by a '---' line") from None
    data, key_lines = load_yaml("\n".join(lines[1:end]), first_line=2)
    if not isinstance(data, dict):
        raise SourceError(2, "front matter must be a mapping of keys to values")
    return Source(
        path=shown,
        relative=relative,
        kind=kind,
        slug=slug,
        data=data,
        lines=key_lines,
        body="\n".join(lines[end + 1 :]).strip("\n"),
        body_line=end + 2,
        digest=hashlib.sha256(raw).hexdigest(),
    )


def read_yaml_file(
    path: Path, shown: Path, relative: str, kind: str, slug: str
) -> Source:
    text, raw = read_text(path, "a YAML file")
    data, key_lines = load_yaml(text)
    return Source(
        path=shown,
        relative=relative,
        kind=kind,
        slug=slug,
        data=data,
        lines=key_lines,
        digest=hashlib.sha256(raw).hexdigest(),
    )
