"""What a participant's phone draws after joining, as plain JSON-ready data (the phone component, phone.js).

A phone draws its whole page in the browser from the live channel: the step the facilitator is on, the lock,
the timer, the notes read back, the dots, the ranking, the scoring round, and the participant's own notes.
Nothing here runs per phone: for every revision the hub builds

- one **room** part per language (``phone_room``): what every phone of the board shows alike, and
- every participant's **own** part in one pass (``phone_own_parts``): their notes, their dots, their scores.

Only what a participant may see leaves here: another person's note of a canvas in private writing never does
(the room reads ``snapshot.for_viewer(None)``), no participant id but one's own, no author names at all (the
phone reads notes back without names, whatever the board's anonymity), no one else's dots or scores.
Pure code: no Streamlit, no HTTP.
"""

from __future__ import annotations

import json
from typing import Any

from canvas.board_view import PHASES_SHOWING_NOTES, canvas_title, zone_label
from canvas.content import DEFAULT_CANVAS, handbook
from canvas.facilitation import RankedItem, dots_left, items, my_votes, ranking
from canvas.i18n import t, tn
from canvas.models import (
    DIMENSION_KEYS,
    NOTE_TEXT_MAX,
    SCORE_COMMENT_MAX,
    BoardSnapshot,
    Canvas,
    Language,
    Party,
    Phase,
    Timer,
)

# The phone's one-line help per phase of the canvas on the screen.
PHASE_HELP = {
    Phase.OPEN: "facilitation.phase_open_help",
    Phase.WRITE: "facilitation.private_notice",
    Phase.REVEAL: "facilitation.phone_reveal_help",
    Phase.VOTE: "facilitation.phone_vote_help",
    Phase.DISCUSS: "facilitation.phone_discuss_help",
}


def as_text(data: object) -> str:
    """Compact JSON, as the live channel sends it."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def timer_data(timer: Timer | None) -> dict | None:
    """The timer as the phone counts it down: the end in the server's epoch milliseconds while it runs (the
    message carries the server's clock, ``now``, so a phone whose clock is off still shows the right time),
    else the seconds left."""
    if timer is None:
        return None
    if timer.ends_at is not None:
        return {"total": timer.total_seconds, "ends_at": round(timer.ends_at.timestamp() * 1000)}
    return {"total": timer.total_seconds, "left": max(0, timer.seconds_left or 0)}


def _zones(snapshot: BoardSnapshot, canvas: Canvas, language: Language) -> list[dict]:
    """A canvas's zones as the phone offers them: title, question and, for the parts of the house, what the
    handbook's name means in everyday words (``plain``: "Governance" is "Wie er beslist, en hoe …")."""
    house = canvas.template == DEFAULT_CANVAS
    zones = []
    for zone in snapshot.zones_of(canvas.id):
        title, prompt = zone_label(canvas, zone, language)
        drawn = {"id": zone.id, "title": title, "prompt": prompt}
        if house and zone.key in DIMENSION_KEYS:
            drawn["plain"] = handbook().dimension(zone.key).plain(language)
        zones.append(drawn)
    return zones


def _item(item: RankedItem, zone_titles: dict[int, str], *, votes: bool) -> dict:
    """A note, or a group with its notes, as the phone lists it (no author: phones read back without names)."""
    drawn: dict[str, Any] = {"key": item.key}
    if item.cluster is None:
        note = item.notes[0]
        drawn.update(note_id=note.id, zone=zone_titles.get(note.zone_id, ""), text=note.text)
    else:
        drawn.update(cluster_id=item.cluster.id, group=item.cluster.title, notes=[n.text for n in item.notes])
    if votes:
        drawn["votes"] = item.votes
    return drawn


def shown_items(snapshot: BoardSnapshot, canvas: Canvas, language: Language) -> list[dict]:
    """A canvas's notes and groups as phones read them back: in board order, or by votes once discussed.
    Nothing while the canvas is being written (freely or privately): others' notes are on the screen then."""
    zone_titles = {z["id"]: z["title"] for z in _zones(snapshot, canvas, language)}
    if canvas.phase is Phase.DISCUSS:
        return [_item(item, zone_titles, votes=True) for item in ranking(snapshot, canvas.id)]
    return [_item(item, zone_titles, votes=False) for item in items(snapshot, canvas.id)]


def phone_room(snapshot: BoardSnapshot, language: Language) -> dict:
    """What every phone of the board shows alike, in one language."""
    seen = snapshot.for_viewer(None)  # nobody's private notes: a phone's own come in its own part
    board = seen.board
    active = seen.active_canvas
    canvases = [
        {"id": c.id, "title": canvas_title(c, language), "phase": c.phase.value, "zones": _zones(seen, c, language)}
        for c in seen.canvases
    ]
    # Earlier canvases that are not being written any more can be read back (their notes, or their ranking).
    readable = {
        str(c.id): shown_items(seen, c, language)
        for c in seen.canvases
        if c.id != active.id and c.phase in PHASES_SHOWING_NOTES
    }
    open_round = seen.open_round
    return {
        "title": board.title,
        "locked": board.locked,
        "anonymous": board.anonymous,
        "dots": board.vote_dots,
        "stack": board.votes_stack,
        "canvases": canvases,
        "active": {
            "id": active.id,
            "title": canvas_title(active, language),
            "phase": active.phase.value,
            "phase_name": t(f"facilitation.phase_{active.phase.value}", language),
            "help": t(PHASE_HELP[active.phase], language, dots=board.vote_dots)
            if active.phase is not Phase.VOTE
            else tn("join.vote_help", language, board.vote_dots),
            "timer": timer_data(active.timer),
            "items": shown_items(seen, active, language) if active.phase in PHASES_SHOWING_NOTES else None,
        },
        "readable": readable,
        "round": {"id": open_round.id, "title": open_round.title or ""} if open_round else None,
    }


def phone_own_parts(snapshot: BoardSnapshot, *, only: str | None = None) -> dict[str, dict]:
    """Every participant's own part, in one pass over the board: their notes (newest first, with zone, canvas
    and group), their dots on the canvas on the screen and what is left, their scores in the open round.
    ``snapshot`` must hold the scores (``with_scores``) for the scores to be there. A participant without
    notes, dots or scores is not listed: ``own_part_of`` gives them the empty part. ``only``: one participant's
    part alone (a page drawing one phone need not build everyone's)."""
    zone_canvas = {z.id: z.canvas_id for z in snapshot.zones}
    groups = {c.id: c.title for c in snapshot.clusters}
    own: dict[str, dict] = {}

    def part(participant_id: str) -> dict:
        if participant_id not in own:
            own[participant_id] = empty_own_part(snapshot)
        return own[participant_id]

    def wanted(participant_id: str) -> bool:
        return only is None or participant_id == only

    for note in sorted(snapshot.notes, key=lambda n: (n.created_at, n.id), reverse=True):
        if note.by_facilitator or not wanted(note.participant_id):
            continue
        drawn: dict[str, Any] = {"id": note.id, "zone_id": note.zone_id, "text": note.text}
        drawn["canvas_id"] = zone_canvas.get(note.zone_id)
        if note.cluster_id in groups:
            drawn["group"] = groups[note.cluster_id]
        part(note.participant_id)["notes"].append(drawn)
    active = snapshot.active_canvas
    if active.phase is Phase.VOTE:
        voters = {v.participant_id for v in snapshot.votes if v.canvas_id == active.id and wanted(v.participant_id)}
        for participant_id in voters:
            mine = my_votes(snapshot, participant_id, active.id)
            votes = {
                (f"c{target.cluster_id}" if target.cluster_id else f"n{target.note_id}"): n
                for target, n in mine.items()
            }
            part(participant_id).update(votes=votes, dots_left=dots_left(snapshot, participant_id, active.id))
    open_round = snapshot.open_round
    if open_round is not None:
        for score in snapshot.scores_in(open_round.id):
            if wanted(score.participant_id):
                part(score.participant_id)["scores"][score.dimension] = [score.level, score.comment or ""]
    return own


def empty_own_part(snapshot: BoardSnapshot) -> dict:
    return {"notes": [], "votes": {}, "dots_left": snapshot.board.vote_dots, "scores": {}}


def own_part_of(parts: dict[str, dict], snapshot: BoardSnapshot, participant_id: str) -> dict:
    return parts.get(participant_id) or empty_own_part(snapshot)


def phone_message_text(revision: int, room_text: str, own_text: str, now_ms: int) -> str:
    """One phone's live message, put together from texts built once per revision (no JSON encoding per phone):
    ``now`` is the server's clock when it is sent, for the timer."""
    return f'{{"rev":{revision},"now":{now_ms},"room":{room_text},"own":{own_text}}}'


# Texts the phone component shows, by the name phone.js uses. Counted texts keep "{count}" for the browser,
# in both plural forms.
_LABELS = {
    "you_are": "join.you_are",
    "you_are_party": "join.you_are_party",
    "zone_missing": "error.zone_missing",
    "level_first": "score.level_first",
    "anonymous": "join.anonymous",
    "new_note": "join.new_note",
    "canvas_label": "join.canvas_label",
    "zone_label": "join.zone_label",
    "zone_hint": "join.zone_hint",
    "note_placeholder": "join.note_placeholder",
    "add_button": "join.add_button",
    "note_added": "join.note_added",
    "no_notes": "join.no_notes",
    "edit": "join.edit",
    "cancel": "join.cancel",
    "save": "join.save",
    "delete": "join.delete",
    "note_saved": "join.note_saved",
    "note_deleted": "join.note_deleted",
    "mode_label": "join.mode_label",
    "mode_notes": "join.mode_notes",
    "mode_score": "join.mode_score",
    "note_form_below": "join.note_form_below",
    "sending": "join.sending",
    "send_failed": "join.send_failed",
    "offline": "join.offline",
    "back_online": "join.back_online",
    "board_gone": "board.gone",
    "locked_notice": "facilitation.locked_notice",
    "anonymous_notice": "facilitation.anonymous_notice",
    "votes_title": "facilitation.votes_title",
    "ranking_title": "facilitation.ranking_title",
    "no_votes": "facilitation.no_votes",
    "no_notes_yet": "facilitation.no_notes_yet",
    "look_back": "facilitation.look_back",
    "look_back_none": "facilitation.look_back_none",
    "move_to": "facilitation.move_to",
    "move_button": "facilitation.move_button",
    "note_moved": "facilitation.note_moved",
    "delete_confirm": "facilitation.delete_confirm",
    "delete_yes": "facilitation.delete_yes",
    "timer_done": "facilitation.timer_done",
    "round_open": "score.round_open",
    "round_opened": "score.round_opened",
    "score_heading": "score.heading",
    "score_intro": "score.intro",
    "dont_know": "score.dont_know",
    "comment_label": "score.comment_label",
    "comment_placeholder": "score.comment_placeholder",
    "score_saved": "join.score_saved",
    "score_previous": "join.score_previous",
    "score_next": "join.score_next",
    "score_done": "join.score_done",
    "vote_add": "join.vote_add_named",
    "vote_remove": "join.vote_remove_named",
    "dot_placed": "join.dot_placed",
    "dot_taken_back": "join.dot_taken_back",
}
_PLURALS = {
    "own_notes": "join.own_notes_count",
    "dots_left": "join.dots_left",
    "my_dots": "join.my_dots",
    "votes_count": "join.votes_count",
    "all_notes": "join.all_notes",
    "group_notes": "join.group_notes",
}


def phone_static(language: Language) -> dict:
    """What a phone needs once, when its page loads: every text, the parties and the scoring rubric."""
    labels: dict[str, Any] = {name: t(key, language) for name, key in _LABELS.items()}
    for name, key in _PLURALS.items():
        labels[name] = {"one": t(f"{key}.one", language), "other": t(f"{key}.other", language)}
    labels["note_label"] = t("join.note_label", language, max=NOTE_TEXT_MAX)
    labels["edit_label"] = t("join.edit_label", language, max=NOTE_TEXT_MAX)  # another name than the new note's
    labels["timer_left"] = t("facilitation.timer_left", language, time="{time}")
    labels["timer_paused"] = t("facilitation.timer_paused", language, time="{time}")
    labels["progress"] = t("score.progress", language, done="{done}", total="{total}")
    labels["score_part"] = t("join.score_part", language, number="{number}", total="{total}")
    labels["group"] = t("facilitation.cluster_label", language, title="{title}")
    labels["phase_names"] = {phase.value: t(f"facilitation.phase_{phase.value}", language) for phase in Phase}
    labels["parties"] = {party.value: t(f"party.{party.value}", language) for party in Party}
    book = handbook()
    level_names = {level.number: level.name(language) for level in book.rubric.levels}
    rubric = [
        {
            "key": dimension.key,
            "name": dimension.name(language),
            "plain": dimension.plain(language),  # the phone shows this, not the handbook's explanation
            "levels": [
                {"level": n, "name": level_names[n], "line": book.rubric.describe(dimension.key, n)(language)}
                for n in range(1, 6)
            ],
        }
        for dimension in book.dimensions
    ]
    return {
        "language": language.value,
        "labels": labels,
        "rubric": rubric,
        "note_max": NOTE_TEXT_MAX,
        "comment_max": SCORE_COMMENT_MAX,
    }
