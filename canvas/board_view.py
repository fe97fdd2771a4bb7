"""What the board component draws and what the live channel carries, as plain JSON-ready data.

Pure code: no Streamlit, easy to test. Only what a listener may see leaves here: note text, author name,
party and position go to screens; participants get the board's structure (which canvas is shown, whether
a round is open) and never another participant's notes or id. Participant ids (secrets that allow
editing) and the facilitator token never leave.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from canvas.content import canvas_template
from canvas.facilitation import canvas_dots
from canvas.i18n import t
from canvas.models import BoardSnapshot, Canvas, Language, Party, Phase, Zone


def canvas_title(canvas: Canvas, language: Language) -> str:
    if canvas.title:
        return canvas.title
    if canvas.template:
        return canvas_template(canvas.template).title(language)
    return t("board.untitled_canvas", language)


def zone_label(canvas: Canvas, zone: Zone, language: Language) -> tuple[str, str]:
    """The zone's title and prompt: stored text for a custom zone, content text for a template zone."""
    if zone.title:
        return zone.title, zone.prompt or ""
    template = canvas_template(canvas.template).zone(zone.key) if canvas.template else None
    if template is None:
        return zone.key, zone.prompt or ""
    return template.title(language), template.prompt(language)


ROOM_PARTY = "room"  # the board's name for the facilitator's notes for the room, drawn on plain paper


def party_labels(language: Language) -> dict[str, str]:
    labels = {party.value: t(f"party.{party.value}", language) for party in Party}
    return {**labels, ROOM_PARTY: t("facilitation.room_party", language)}


# Labels the component fills in itself: "{text}", "{zone}" and the like stay as placeholders (see board.js).
_COMPONENT_LABELS = (
    "pillars",
    "foundation",
    "empty_zone",
    "drag_hint",
    "keyboard_hint",
    "note_name",
    "move_title",
    "move_zone",
    "move_place",
    "move_first",
    "move_after",
    "move_last",
    "move_confirm",
    "move_cancel",
    "moved",
    "discuss_hint",
    "count_one",
    "count_many",
    "more",
    "fewer",
    "announce_one",
    "announce_many",
)


def board_labels(language: Language) -> dict:
    """Every text the board component shows or speaks, in the board's UI language."""
    labels: dict = {name: t(f"board.{name}", language) for name in _COMPONENT_LABELS}
    labels["parties"] = party_labels(language)
    for name in ("private_count", "dots", "group"):
        labels[name] = t(f"facilitation.board_{name}", language)
    return labels


def structure_signature(snapshot: BoardSnapshot) -> str:
    """What, when it changes, changes the widgets of a page (not only the drawing): the canvas every screen
    shows, the board's canvases and the open scoring round. Pages compare it to the one they were drawn with
    and rerun only when it differs, so a new note never reruns a phone."""
    open_round = snapshot.open_round
    # Each canvas with its phase and timer: phones switch to voting, show the countdown, say "private" or not.
    canvases = ",".join(f"{c.id}:{c.phase.value}:{_timer_state(c)}" for c in snapshot.canvases)
    board = snapshot.board
    switches = f"{int(board.locked)}{int(board.anonymous)}{board.vote_dots}{int(board.votes_stack)}"
    return f"{snapshot.active_canvas.id}|{canvases}|{open_round.id if open_round else '-'}|{switches}"


# Phases in which a phone shows the notes of the canvas on the screen (read back, dots to place, the ranking).
PHASES_SHOWING_NOTES = (Phase.REVEAL, Phase.VOTE, Phase.DISCUSS)


def _timer_state(canvas: Canvas) -> str:
    timer = canvas.timer
    if timer is None:
        return "-"
    return f"{timer.total_seconds}/{timer.ends_at.timestamp() if timer.ends_at else timer.seconds_left}"


def board_view(snapshot: BoardSnapshot, canvas_id: int, language: Language, *, can_drag: bool) -> dict:
    """The data for one canvas of the board, in the board component's format (see board.js). Screens only:
    private notes (a canvas in the WRITE phase) are left out here, whoever calls."""
    snapshot = snapshot.for_viewer(None)
    canvas = next(c for c in snapshot.canvases if c.id == canvas_id)
    zones = snapshot.zones_of(canvas_id)
    zone_ids = {z.id for z in zones}
    anonymous = t("join.anonymous", language)
    zone_data = []
    for zone in zones:
        title, prompt = zone_label(canvas, zone, language)
        zone_data.append(
            {
                "id": zone.id,
                "key": zone.key,
                "band": zone.band.value if zone.band else None,
                "title": title,
                "prompt": prompt,
                # Notes still private (WRITE phase): the screen says how many, never what they say.
                "private": snapshot.private_counts.get(zone.id, 0),
                # Opened on the console ("+ N meer"): the presentation shows every note of the zone.
                "open": zone.opened,
            }
        )
    room = t("facilitation.room_author", language)
    cluster_titles = {c.id: c.title for c in snapshot.clusters_of(canvas_id)}
    show_votes = canvas.phase.shows_votes
    # Every screen's message is built on every change: count the dots once, not once per note.
    dots = canvas_dots(snapshot, canvas_id) if show_votes else None
    notes: list[dict[str, Any]] = []
    for note in snapshot.notes:
        if note.zone_id not in zone_ids:
            continue
        drawn = {
            "id": note.id,
            "zone_id": note.zone_id,
            "text": note.text,
            "author": room if note.by_facilitator else note.author_name or anonymous,
            # The facilitator's notes speak for no party (their author row's "other" is a placeholder).
            "party": ROOM_PARTY if note.by_facilitator else note.party.value,
            "position": note.position,
        }
        if note.cluster_id in cluster_titles:
            drawn["cluster"] = cluster_titles[note.cluster_id]
        if dots is not None:  # a note's own dots, and its cluster's: as the exports count them
            drawn["votes"] = dots.on_note(note)
        notes.append(drawn)
    if canvas.phase is Phase.DISCUSS:
        # Discussion: the most voted first in every zone (ties keep the board's order). The positions drawn are
        # ranks then, not the board's: a drag computes nothing from them that is stored (see move_to_store).
        ranked = sorted(notes, key=lambda n: (-n["votes"], n["position"], n["id"]))
        for rank, ranked_note in enumerate(ranked):
            ranked_note["position"] = float(rank + 1)
    return {
        "revision": snapshot.revision,
        "signature": structure_signature(snapshot),
        "canvas_id": canvas.id,
        "counts": t(
            "board.counts",
            language,
            participants=snapshot.participant_count,
            notes=len(notes) + sum(snapshot.private_counts.get(z.id, 0) for z in zones),
        ),
        "layout": canvas.layout,
        "title": canvas_title(canvas, language),
        # One line above the board: the phase of the step (nothing while writing freely) and the lock.
        "status": session_status(snapshot, canvas, language),
        "phase": canvas.phase.value,
        "can_drag": can_drag,
        "language": language.value,
        "labels": board_labels(language),
        "zones": zone_data,
        "notes": notes,
    }


@dataclass(frozen=True)
class Move:
    """A note dragged on the board: to ``zone_id`` at ``position`` (None: the end of that zone's order)."""

    note_id: int
    zone_id: int
    position: float | None


def move_to_store(snapshot: BoardSnapshot, move: Move) -> Move | None:
    """What of a drag on the board is stored; None: nothing.

    The board draws a canvas in discussion by votes, and the component computes a drop's position from the
    positions it drew, which are ranks then. Stored, they would scramble the board's own order once the
    discussion ends. So while the note's canvas is discussed, the votes keep the order: a drop in the note's
    own zone stores nothing, and a drop in another zone puts the note at the end of that zone's order. A note
    this snapshot does not hold goes on as sent: the store says what is wrong with it.
    """
    note = next((n for n in snapshot.notes if n.id == move.note_id), None)
    zone = next((z for z in snapshot.zones if note is not None and z.id == note.zone_id), None)
    if note is None or zone is None or snapshot.phase_of(zone.canvas_id) is not Phase.DISCUSS:
        return move
    if move.zone_id == note.zone_id:
        return None
    return Move(note_id=move.note_id, zone_id=move.zone_id, position=None)


def session_status(snapshot: BoardSnapshot, canvas: Canvas, language: Language) -> str:
    """ "Stemmen · 3 stippen per persoon · Op slot": what the room needs to know about the step, in one line."""
    parts = []
    if canvas.phase is not Phase.OPEN:
        parts.append(t(f"facilitation.phase_{canvas.phase.value}", language))
    if canvas.phase is Phase.VOTE:
        parts.append(t("facilitation.dots_each", language, dots=snapshot.board.vote_dots))
    if snapshot.board.locked:
        parts.append(t("facilitation.locked_short", language))
    return " · ".join(parts)


def live_message(snapshot: BoardSnapshot, *, language: Language | None) -> dict:
    """One message of the live channel for a screen: the revision, the structure's signature and (``language``
    given) the drawing of the canvas every screen shows. ``can_drag`` is left out: it is the page's, not the
    board's. Without a language (the radar, which follows every revision): the revision and the signature.
    Phones get their own messages (canvas/phone_view.py)."""
    if language is None:
        return {"rev": snapshot.revision, "sig": structure_signature(snapshot)}
    view = board_view(snapshot, snapshot.active_canvas.id, language, can_drag=False)
    del view["can_drag"]
    return {"rev": snapshot.revision, "sig": structure_signature(snapshot), "view": view}


CLOSED_MESSAGE = {"rev": -1, "closed": True}
