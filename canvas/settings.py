"""One Settings model, read by pydantic-settings from ``CANVAS_*`` environment variables or Streamlit secrets.

Where a value comes from, strongest first: the environment, then ``.streamlit/secrets.toml`` (the project's,
then the user's ``~/.streamlit/secrets.toml``: where Streamlit hosting puts a host's secrets), then the
default. In a secrets file the keys are spelled like the variables: ``CANVAS_DATABASE_URL = "postgresql://…"``.

A variable with the prefix that is not a setting (a typo such as ``CANVAS_DATABSE_URL``) or a value that
does not fit stops the start with a message naming the variable (``SettingsError``), instead of a default
silently taking its place. The table in README.md is generated from this model (``settings_table``) and a
test keeps the two equal.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import AliasChoices, Field, ValidationError, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, EnvSettingsSource, PydanticBaseSettingsSource, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "data" / "canvas.sqlite3"
ENV_PREFIX = "CANVAS_"
# Variables with the prefix that belong to the test suite and the benchmarks, not to the app.
NOT_APP_SETTINGS = ("CANVAS_TEST_", "CANVAS_BENCH_", "CANVAS_REQUIRE_", "CANVAS_CHROMIUM")
# Where Streamlit looks for secrets; the first holds the project's own, the second the user's.
SECRETS_FILES = (Path.cwd() / ".streamlit" / "secrets.toml", Path.home() / ".streamlit" / "secrets.toml")


class SettingsError(ValueError):
    """A setting that cannot be used; the message names the variable and says what is wrong."""


def _variable(name: str) -> AliasChoices:
    # The variable's name, and the field's own name for code that builds Settings(...) directly.
    return AliasChoices(name, name.removeprefix(ENV_PREFIX).lower())


class Settings(BaseSettings):
    """Runtime settings; every field has a ``CANVAS_*`` variable (README, "Configuration")."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, frozen=True, extra="forbid", populate_by_name=True, env_ignore_empty=True
    )

    database_url: str = Field(
        default=f"sqlite:///{DEFAULT_SQLITE_PATH}",
        description="SQLAlchemy URL of the database. `postgres://` and `postgresql://` are accepted and use "
        "psycopg 3. Default: a SQLite file under `data/`.",
    )
    refresh_seconds: float = Field(
        default=1.0,
        gt=0,
        description="How often a shared screen checks the board's revision when there is no push "
        "(`streamlit run app.py`, or push blocked by a proxy).",
    )
    push_check_seconds: float = Field(
        default=0.05,
        gt=0,
        description="With push on SQLite: how often the database files are checked for writes made by *other* "
        "app processes (PostgreSQL tells them by `LISTEN/NOTIFY`).",
    )
    stream_max_seconds: float = Field(
        default=300,
        gt=0,
        description="With push: an event stream is ended and renewed after this long (the browser reconnects "
        "and catches up).",
    )
    public_url: str | None = Field(
        default=None,
        description="The address participants use (join link and QR code), e.g. `https://canvas.example.org`. "
        "Default: the facilitator's browser address; when that is one only this machine can open (`localhost`, "
        "`127.0.0.1`), the machine's network address as Streamlit prints it at start (*Network URL*), and without "
        "one the console warns that phones cannot join. Set it behind a proxy, or when phones reach the machine "
        "by another address.",
    )
    accessibility_contact: str | None = Field(
        default=None,
        description="Where people report an accessibility problem (an e-mail address or web page), shown in the "
        "accessibility statement after its route that needs no setting: the session's facilitator, or the "
        "organisation offering the app.",
    )

    # Limits no real workshop meets: they only stop a runaway script or a flood (README, "Limits").
    notes_per_participant_per_minute: int = Field(
        default=30,
        ge=1,
        validation_alias=_variable("CANVAS_NOTES_PER_MINUTE"),
        description="Notes one participant may add per minute (counted per app process).",
    )
    notes_per_board: int = Field(
        default=2000, ge=1, validation_alias=_variable("CANVAS_MAX_NOTES"), description="Notes one board may hold."
    )
    participants_per_board: int = Field(
        default=500,
        ge=1,
        validation_alias=_variable("CANVAS_MAX_PARTICIPANTS"),
        description="People who may join one board.",
    )
    canvases_per_board: int = Field(
        default=40,
        ge=1,
        validation_alias=_variable("CANVAS_MAX_CANVASES"),
        description="Canvases one board may hold.",
    )
    boards_per_hour: int = Field(
        default=10,
        ge=1,
        description="Boards one client (address) may make per hour: new and imported boards (counted per app "
        "process; demo copies apart, `CANVAS_DEMOS_PER_HOUR`). The next one is refused with a message beside the "
        "button pressed. Everyone on a venue's Wi-Fi usually shares one address.",
    )
    demos_per_hour: int = Field(
        default=30,
        ge=1,
        description="Demo copies (*Probeer het uit*) one client (address) may make per hour, counted apart from "
        "real boards (per app process): a room trying the demo on one Wi-Fi never stops its facilitator from "
        "making the real board.",
    )
    board_expiry_days: float = Field(
        default=90,
        gt=0,
        description="A board not changed for this many days is deleted by the purge (the app's own, see "
        "`CANVAS_PURGE_HOURS`, or `python3 -m canvas purge`; with every note, name and score), unless the "
        "facilitator keeps it (*Bord bewaren*, under "
        "*Bord verwijderen* on the console).",
    )
    demo_expiry_hours: float = Field(
        default=24,
        gt=0,
        description="A visitor's own demo board (*Probeer het uit*) is deleted this many hours after it was made, "
        "kept or not: by the purge, and also whenever someone makes a new demo board.",
    )

    purge_hours: float = Field(
        default=24,
        ge=0,
        description="The app deletes expired boards by itself (as `python3 -m canvas purge` does) when it starts and "
        "then every this many hours; with several processes on PostgreSQL one at a time. `0`: the app never "
        "purges, for hosts who run the command from their own scheduler.",
    )

    @field_validator("database_url")
    @classmethod
    def _psycopg_url(cls, value: str) -> str:
        return normalise_database_url(value)

    @field_validator("public_url")
    @classmethod
    def _no_trailing_slash(cls, value: str | None) -> str | None:
        return value.rstrip("/") or None if value else None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return init_settings, env_settings, StreamlitSecretsSource(settings_cls, SECRETS_FILES)

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, secrets_files: Sequence[Path] | None = None
    ) -> Settings:
        """Read the settings (``environ`` instead of the process environment, for tests and tools).

        Raises:
            SettingsError: an unknown ``CANVAS_*`` variable or a value that does not fit, named.
        """
        env = dict(os.environ if environ is None else environ)
        files = SECRETS_FILES if secrets_files is None else tuple(secrets_files)
        secrets = StreamlitSecretsSource(cls, files)
        _refuse_unknown(env.keys(), "environment")
        _refuse_unknown(secrets.variables.keys(), "Streamlit secrets")

        # mypy cannot follow a class made from ``cls`` at run time; it is a subclass of Settings.
        class _Read(cls):  # type: ignore[misc,valid-type]  # the same model, its sources pointed at ``env`` and ``files``
            @classmethod
            def settings_customise_sources(
                cls,
                settings_cls: type[BaseSettings],
                init_settings: PydanticBaseSettingsSource,
                **_others: PydanticBaseSettingsSource,
            ) -> tuple[PydanticBaseSettingsSource, ...]:
                return init_settings, MappingEnvSource(settings_cls, env), StreamlitSecretsSource(settings_cls, files)

        try:
            read = _Read()
        except ValidationError as error:
            raise SettingsError(_explain(error)) from None
        return cls.model_construct(**read.model_dump())


def variable_name(field_name: str) -> str:
    """The ``CANVAS_*`` variable of a field."""
    alias = Settings.model_fields[field_name].validation_alias
    if isinstance(alias, AliasChoices):
        return str(alias.choices[0])
    return ENV_PREFIX + field_name.upper()


def known_variables() -> dict[str, str]:
    """Every variable the app reads, to its field name."""
    return {variable_name(name): name for name in Settings.model_fields}


class MappingEnvSource(EnvSettingsSource):
    """pydantic-settings' environment source, over a given mapping instead of ``os.environ``."""

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str]) -> None:
        self._environ = environ
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return {key.lower(): value for key, value in self._environ.items() if value != ""}


class StreamlitSecretsSource(PydanticBaseSettingsSource):
    """Root-level ``CANVAS_*`` keys of Streamlit's secrets files (the first file that has a key wins)."""

    def __init__(self, settings_cls: type[BaseSettings], files: Sequence[Path]) -> None:
        super().__init__(settings_cls)
        self.variables: dict[str, Any] = {}
        for path in files:
            for key, value in _read_toml(path).items():
                if key.upper().startswith(ENV_PREFIX) and not isinstance(value, dict):
                    self.variables.setdefault(key.upper(), value)

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        variable = variable_name(field_name)
        return self.variables.get(variable), variable, False

    def __call__(self) -> dict[str, Any]:
        # Keyed as the model reads them: a field with a variable of its own by that name, others by field name.
        known = known_variables()
        return {
            key if Settings.model_fields[known[key]].validation_alias else known[key]: value
            for key, value in self.variables.items()
            if key in known
        }


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"{path}: cannot be read as TOML ({error})") from None


def _refuse_unknown(names: Iterable[str], where: str) -> None:
    known = known_variables()
    unknown = sorted(
        name
        for name in names
        if name.upper().startswith(ENV_PREFIX) and name.upper() not in known and not name.startswith(NOT_APP_SETTINGS)
    )
    if unknown:
        raise SettingsError(
            f"unknown setting {', '.join(unknown)} in the {where}; the settings are: {', '.join(sorted(known))}"
        )


def _explain(error: ValidationError) -> str:
    known = known_variables()
    lines = []
    for problem in error.errors():
        name = str(problem["loc"][0]) if problem["loc"] else "?"
        variable = name.upper() if name.upper() in known else variable_name(name) if name in known.values() else name
        lines.append(f"{variable}: {problem['msg']} (got {problem.get('input')!r})")
    return "invalid setting " + "; ".join(lines)


def normalise_database_url(url: str) -> str:
    """Accept the common ``postgres://`` and ``postgresql://`` spellings and use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def settings_table() -> str:
    """The README's table of settings, made from the model (tests/test_settings.py keeps the README equal)."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        default = field.default
        if name == "database_url":
            shown = "`sqlite:///data/canvas.sqlite3`"
        elif default is None:
            shown = "(unset)"
        elif isinstance(default, bool):
            shown = f"`{str(default).lower()}`"
        else:
            shown = f"`{default}`"
        rows.append(f"| `{variable_name(name)}` | {shown} | {field.description} |")
    return "\n".join(rows)
