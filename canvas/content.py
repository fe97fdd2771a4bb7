"""Loads the handbook content in ``content/`` into validated models; a bad file fails loudly, by name."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from canvas.models import Band, Language, Layout

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
    """Every canvas in ``content/canvases``, by key."""
    templates = {}
    for path in sorted((CONTENT_DIR / "canvases").glob("*.toml")):
        template = parse_canvas_template(path)
        if template.key in templates:
            raise ContentError(f"{path}: field 'key': '{template.key}' is used by another canvas")
        templates[template.key] = template
    return templates


def canvas_template(key: str) -> CanvasTemplate:
    try:
        return canvas_templates()[key]
    except KeyError as exc:
        raise ContentError(f"no canvas template with key '{key}' in {CONTENT_DIR / 'canvases'}") from exc


DEFAULT_CANVAS = "collaboration"
