"""Loads the handbook content in ``content/`` into validated models; a bad file fails loudly, by name."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from canvas.models import DIMENSION_KEYS, Band, Language, Layout

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"


class ContentError(ValueError):
    """A content file is missing, is not valid TOML, or does not match its model."""


class LocalText(BaseModel):
    """A text in every language the app speaks."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    nl: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __call__(self, language: Language | str) -> str:
        return getattr(self, Language(language).value)


class ZoneTemplate(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    band: Band | None = None
    title: LocalText
    prompt: LocalText


class CanvasTemplate(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    layout: Layout = "grid"
    title: LocalText
    zones: tuple[ZoneTemplate, ...] = Field(min_length=1)

    def zone(self, key: str) -> ZoneTemplate | None:
        return next((z for z in self.zones if z.key == key), None)


def describe_validation_error(path: Path, error: ValidationError) -> str:
    """One readable line per problem, naming the file and the field."""
    lines = []
    for problem in error.errors():
        field = ".".join(str(part) for part in problem["loc"]) or "(top level)"
        lines.append(f"{path}: field '{field}': {problem['msg']}")
    return "\n".join(lines)


def load_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ContentError(f"{path}: file not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path}: not valid TOML: {exc}") from exc


def parse_canvas_template(path: Path) -> CanvasTemplate:
    try:
        template = CanvasTemplate.model_validate(load_toml(path))
    except ValidationError as exc:
        raise ContentError(describe_validation_error(path, exc)) from exc
    keys = [z.key for z in template.zones]
    if len(set(keys)) != len(keys):
        raise ContentError(f"{path}: field 'zones': zone keys must be unique, got {keys}")
    return template


@cache
def canvas_templates() -> dict[str, CanvasTemplate]:
    """Every canvas a board can hold, by key: ``content/canvases`` and each tool's worksheet."""
    templates = {}
    for path in sorted((CONTENT_DIR / "canvases").glob("*.toml")):
        template = parse_canvas_template(path)
        if template.key in templates:
            raise ContentError(f"{path}: field 'key': '{template.key}' is used by another canvas")
        templates[template.key] = template
    for tool in handbook().tools:
        if tool.key in templates:
            raise ContentError(f"content/tools/{tool.key}.toml: field 'key': '{tool.key}' is also a canvas key")
        templates[tool.key] = tool.as_canvas_template()
    return templates


def canvas_template(key: str) -> CanvasTemplate:
    try:
        return canvas_templates()[key]
    except KeyError as exc:
        raise ContentError(f"no canvas template with key '{key}' in {CONTENT_DIR / 'canvases'}") from exc


DEFAULT_CANVAS = "collaboration"


def default_canvas() -> CanvasTemplate:
    """The canvas a new board opens on: the collaboration as a house."""
    return canvas_template(DEFAULT_CANVAS)


# --- the handbook: dimensions, tool groups, tools, rubric ------------------------------------------

GROUP_KEYS = ("foundation", "explore", "design", "try", "reflect")
Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class _Content(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Dimension(_Content):
    """One of the eight parts of the house: three of the foundation, five infrastructure pillars."""

    key: Key
    layer: Literal["foundation", "infrastructure"]
    name: LocalText
    explanation: LocalText
    plain: LocalText = Field(description="What the part means in everyday words (B1 Dutch): shown on the phone")


class ToolGroup(_Content):
    key: Key
    name: LocalText
    description: LocalText


class ToolCanvas(_Content):
    """The worksheet a tool puts on the board: its zones, in order, each with a prompt."""

    layout: Layout = "grid"
    zones: tuple[ZoneTemplate, ...] = Field(min_length=2, max_length=9)


class Tool(_Content):
    key: Key
    group: Key
    order: int = Field(ge=1, description="Position within its group")
    dimensions: tuple[Key, ...] = Field(min_length=1, description="The first one is the primary dimension")
    minutes: int = Field(ge=10, le=480, description="Time needed in a session")
    name: LocalText
    purpose: LocalText
    when: LocalText
    steps: tuple[LocalText, ...] = Field(min_length=3, max_length=8)
    example: LocalText
    canvas: ToolCanvas

    def as_canvas_template(self) -> CanvasTemplate:
        return CanvasTemplate(key=self.key, layout=self.canvas.layout, title=self.name, zones=self.canvas.zones)


class RubricLevel(_Content):
    number: int = Field(ge=1, le=5)
    name: LocalText


class RubricDimension(_Content):
    key: Key
    levels: tuple[LocalText, LocalText, LocalText, LocalText, LocalText]


class Rubric(_Content):
    levels: tuple[RubricLevel, ...] = Field(min_length=5, max_length=5)
    note: LocalText
    dimensions: tuple[RubricDimension, ...] = Field(min_length=8, max_length=8)

    def describe(self, dimension: str, level: int) -> LocalText:
        return next(d for d in self.dimensions if d.key == dimension).levels[level - 1]


class Handbook(_Content):
    """All handbook content, cross-checked: every tool's group and dimensions exist."""

    dimensions: tuple[Dimension, ...]
    groups: tuple[ToolGroup, ...]
    tools: tuple[Tool, ...]
    rubric: Rubric

    def dimension(self, key: str) -> Dimension:
        return next(d for d in self.dimensions if d.key == key)

    def group(self, key: str) -> ToolGroup:
        return next(g for g in self.groups if g.key == key)

    def tool(self, key: str) -> Tool | None:
        return next((t for t in self.tools if t.key == key), None)

    def tools_in(self, group: str) -> tuple[Tool, ...]:
        return tuple(sorted((t for t in self.tools if t.group == group), key=lambda t: t.order))

    def tools_for(self, dimension: str) -> tuple[Tool, ...]:
        return tuple(t for t in self.tools if dimension in t.dimensions)


Model = TypeVar("Model", bound=BaseModel)


def parse_content(model: type[Model], path: Path, data: object) -> Model:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ContentError(describe_validation_error(path, exc)) from exc


def parse_tool(path: Path) -> Tool:
    tool = parse_content(Tool, path, load_toml(path))
    keys = [z.key for z in tool.canvas.zones]
    if len(set(keys)) != len(keys):
        raise ContentError(f"{path}: field 'canvas.zones': zone keys must be unique, got {keys}")
    return tool


def load_handbook(content_dir: Path = CONTENT_DIR) -> Handbook:
    """Load and cross-check dimensions.toml, groups.toml, rubric.toml and tools/*.toml.

    Raises:
        ContentError: naming the file and field of the first problem found.
    """
    dimensions_path = content_dir / "dimensions.toml"
    dimensions = tuple(
        parse_content(Dimension, dimensions_path, item) for item in load_toml(dimensions_path).get("dimensions", [])
    )
    if tuple(d.key for d in dimensions) != DIMENSION_KEYS:
        raise ContentError(f"{dimensions_path}: field 'dimensions': expected the keys {list(DIMENSION_KEYS)} in order")
    groups_path = content_dir / "groups.toml"
    groups = tuple(parse_content(ToolGroup, groups_path, item) for item in load_toml(groups_path).get("groups", []))
    if tuple(g.key for g in groups) != GROUP_KEYS:
        raise ContentError(f"{groups_path}: field 'groups': expected the keys {list(GROUP_KEYS)} in order")
    rubric_path = content_dir / "rubric.toml"
    rubric = parse_content(Rubric, rubric_path, load_toml(rubric_path))
    if tuple(d.key for d in rubric.dimensions) != DIMENSION_KEYS:
        raise ContentError(f"{rubric_path}: field 'dimensions': expected the keys {list(DIMENSION_KEYS)} in order")

    tools = []
    seen: dict[str, Path] = {}
    for path in sorted((content_dir / "tools").glob("*.toml")):
        tool = parse_tool(path)
        if tool.key in seen:
            raise ContentError(f"{path}: field 'key': '{tool.key}' is also used by {seen[tool.key]}")
        if tool.group not in GROUP_KEYS:
            raise ContentError(f"{path}: field 'group': '{tool.group}' is not one of {list(GROUP_KEYS)}")
        unknown = [d for d in tool.dimensions if d not in DIMENSION_KEYS]
        if unknown:
            raise ContentError(f"{path}: field 'dimensions': unknown {unknown}; use {list(DIMENSION_KEYS)}")
        seen[tool.key] = path
        tools.append(tool)
    return Handbook(dimensions=dimensions, groups=groups, tools=tuple(tools), rubric=rubric)


@cache
def handbook() -> Handbook:
    """The handbook content of this app, loaded once per process."""
    return load_handbook()
