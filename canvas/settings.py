"""One Settings model read from the environment."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "data" / "canvas.sqlite3"


class Settings(BaseModel, frozen=True):
    """Runtime settings; every field has an environment variable (see README)."""

    database_url: str = Field(
        default=f"sqlite:///{DEFAULT_SQLITE_PATH}",
        description="SQLAlchemy URL; sqlite:///path or postgresql+psycopg://user@host/db",
    )
    refresh_seconds: float = Field(
        default=1.0, gt=0, description="How often a shared screen checks the board's revision"
    )
    push_check_seconds: float = Field(
        default=0.05,
        gt=0,
        description="With push, how often one shared query looks for writes made by other app processes",
    )
    stream_max_seconds: float = Field(
        default=300,
        gt=0,
        description="With push, an event stream ends after this long and the browser reconnects at once",
    )
    public_url: str | None = Field(
        default=None,
        description="Address participants use to reach the app (for the join link and QR code); "
        "when unset, the address of the facilitator's browser is used",
    )
    accessibility_contact: str | None = Field(
        default=None,
        description="Where people report an accessibility problem (an e-mail address or web page); "
        "shown in the accessibility statement",
    )

    # Limits no real workshop meets: they only stop a runaway script or a flood (README, "Limits").
    notes_per_participant_per_minute: int = Field(
        default=30, ge=1, description="Notes one participant may add per minute (counted per app process)"
    )
    notes_per_board: int = Field(default=2000, ge=1, description="Notes one board may hold")
    participants_per_board: int = Field(default=500, ge=1, description="People who may join one board")
    canvases_per_board: int = Field(default=40, ge=1, description="Canvases one board may hold")
    board_expiry_days: float = Field(
        default=90,
        gt=0,
        description="A board not changed for this many days is deleted by the purge, unless the facilitator keeps it",
    )

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Read settings from ``CANVAS_*`` environment variables."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        if env.get("CANVAS_DATABASE_URL"):
            values["database_url"] = normalise_database_url(env["CANVAS_DATABASE_URL"])
        if env.get("CANVAS_REFRESH_SECONDS"):
            values["refresh_seconds"] = env["CANVAS_REFRESH_SECONDS"]
        if env.get("CANVAS_PUSH_CHECK_SECONDS"):
            values["push_check_seconds"] = env["CANVAS_PUSH_CHECK_SECONDS"]
        if env.get("CANVAS_STREAM_MAX_SECONDS"):
            values["stream_max_seconds"] = env["CANVAS_STREAM_MAX_SECONDS"]
        if env.get("CANVAS_PUBLIC_URL"):
            values["public_url"] = env["CANVAS_PUBLIC_URL"].rstrip("/")
        if env.get("CANVAS_ACCESSIBILITY_CONTACT"):
            values["accessibility_contact"] = env["CANVAS_ACCESSIBILITY_CONTACT"].strip()
        for name, variable in _LIMIT_VARIABLES.items():
            if env.get(variable):
                values[name] = env[variable]
        return cls(**values)


_LIMIT_VARIABLES = {
    "notes_per_participant_per_minute": "CANVAS_NOTES_PER_MINUTE",
    "notes_per_board": "CANVAS_MAX_NOTES",
    "participants_per_board": "CANVAS_MAX_PARTICIPANTS",
    "canvases_per_board": "CANVAS_MAX_CANVASES",
    "board_expiry_days": "CANVAS_BOARD_EXPIRY_DAYS",
}


def normalise_database_url(url: str) -> str:
    """Accept the common ``postgres://`` and ``postgresql://`` spellings and use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
