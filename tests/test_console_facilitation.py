"""The facilitator's console drives a session (AppTest): phases, timer, lock, groups, notes for the room,
fixing notes, the settings, and the recovery code that keeps a lost console link from losing the board."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from canvas.facilitation import next_phase
from canvas.models import CreatedBoard, NoteCreate, ParticipantCreate, Party, Phase
from canvas.store import Store
from canvas.ui.facilitator_controls import phase_key
from canvas.ui.screens import Screen
from tests.test_app import APP, TIMEOUT, open_page

ALL_PHASES = [Phase.OPEN, *[p for p in Phase if p is not Phase.OPEN]]


def console(board: CreatedBoard, language: str = "nl") -> AppTest:
    return open_page(Screen.CONSOLE.script, board=board.board.code, f=board.facilitator_token, lang=language)


def canvas_id(store: Store, board: CreatedBoard) -> int:
    return store.load_snapshot(board_id=board.board.id).active_canvas.id


def texts(at: AppTest) -> str:
    return " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.error, *at.warning, *at.info])


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("phase", ALL_PHASES, ids=lambda p: p.value)
def test_the_console_shows_each_phase_and_steps_to_the_next(
    app_store: Store, board: CreatedBoard, phase: Phase, language: str
) -> None:
    app_store.set_phase(
        board_id=board.board.id,
        canvas_id=canvas_id(app_store, board),
        phase=phase,
        facilitator_token=board.facilitator_token,
    )
    at = console(board, language)
    assert not at.exception
    chooser = at.segmented_control(key=phase_key(canvas_id(app_store, board), phase))
    assert chooser.value == phase.value
    following = next_phase(phase)
    next_buttons = [b for b in at.button if b.key == f"next_phase_{canvas_id(app_store, board)}_{phase.value}"]
    if following is None:
        assert next_buttons == []
        return
    next_buttons[0].click().run()
    assert app_store.load_snapshot(board_id=board.board.id).active_canvas.phase is following


def test_choosing_a_phase_directly_stores_it(app_store: Store, board: CreatedBoard) -> None:
    at = console(board)
    key = phase_key(canvas_id(app_store, board), Phase.OPEN)
    at.segmented_control(key=key).set_value("vote").run()
    assert app_store.load_snapshot(board_id=board.board.id).active_canvas.phase is Phase.VOTE
    assert not at.exception


def test_the_phase_control_follows_a_change_made_elsewhere(app_store: Store, board: CreatedBoard) -> None:
    """The phase control shows a change made on another console, and the value it showed before never comes
    back as a choice of its own."""
    at = console(board)
    at.segmented_control(key=phase_key(canvas_id(app_store, board), Phase.OPEN)).set_value("reveal").run()
    app_store.set_phase(
        board_id=board.board.id,
        canvas_id=canvas_id(app_store, board),
        phase=Phase.DISCUSS,
        facilitator_token=board.facilitator_token,
    )
    at.run()
    assert at.segmented_control(key=phase_key(canvas_id(app_store, board), Phase.DISCUSS)).value == "discuss"
    assert app_store.load_snapshot(board_id=board.board.id).active_canvas.phase is Phase.DISCUSS
    at.button(key="timer_start").click().run()  # any other rerun leaves the phase alone
    assert app_store.load_snapshot(board_id=board.board.id).active_canvas.phase is Phase.DISCUSS
    assert not at.exception


def test_the_lock_and_the_timer_are_stored(app_store: Store, board: CreatedBoard) -> None:
    at = console(board)
    at.toggle(key="board_locked").set_value(True).run()
    assert app_store.get_board(board_id=board.board.id).locked
    at.number_input(key=f"timer_minutes_{canvas_id(app_store, board)}").set_value(3).run()
    at.button(key="timer_start").click().run()
    timer = app_store.load_snapshot(board_id=board.board.id).active_canvas.timer
    assert timer is not None and timer.running and timer.total_seconds == 180
    at.button(key="timer_pause").click().run()
    paused = app_store.load_snapshot(board_id=board.board.id).active_canvas.timer
    assert paused is not None and not paused.running and 178 <= (paused.seconds_left or 0) <= 180
    at.button(key="timer_clear").click().run()
    assert app_store.load_snapshot(board_id=board.board.id).active_canvas.timer is None
    assert not at.exception


def test_settings_change_dots_and_anonymous_mode(app_store: Store, board: CreatedBoard) -> None:
    at = console(board)
    at.number_input(key="board_vote_dots").set_value(5).run()
    at.toggle(key="board_anonymous").set_value(True).run()
    stored = app_store.get_board(board_id=board.board.id)
    assert (stored.vote_dots, stored.anonymous) == (5, True)


def add_notes(store: Store, board: CreatedBoard, *texts: str) -> list[int]:
    person = store.join(board_id=board.board.id, new=ParticipantCreate(display_name="Noor", party=Party.CIVIC))
    zone = store.load_snapshot(board_id=board.board.id).zones[0].id
    return [
        store.add_note(board_id=board.board.id, participant_id=person.id, new=NoteCreate(zone_id=zone, text=text)).id
        for text in texts
    ]


def test_the_facilitator_groups_notes_and_a_nameless_group_is_refused(app_store: Store, board: CreatedBoard) -> None:
    first, second, _ = add_notes(app_store, board, "Zonnepanelen op de school", "Collectief inkopen", "Iets anders")
    at = console(board)
    picker = at.multiselect[0]
    picker.set_value([first, second])
    at.button[[b.label for b in at.button].index("Groep maken")].click().run()
    assert any("Geef de groep een naam" in e.value for e in at.error)
    assert app_store.load_snapshot(board_id=board.board.id).clusters == ()

    at.multiselect[0].set_value([first, second])
    name_inputs = [w for w in at.text_input if w.label == "Naam van de groep"]
    name_inputs[0].input("Energie")
    at.button[[b.label for b in at.button].index("Groep maken")].click().run()
    snapshot = app_store.load_snapshot(board_id=board.board.id)
    assert [c.title for c in snapshot.clusters] == ["Energie"]
    assert {n.id for n in snapshot.notes if n.cluster_id} == {first, second}
    assert not at.exception


def test_a_note_for_the_room_and_fixing_any_note(app_store: Store, board: CreatedBoard) -> None:
    (note_id,) = add_notes(app_store, board, "Buurthuis als plek")
    at = console(board)
    room_text = next(w for w in at.text_area if w.label.startswith("Je notitie") and not w.value)
    room_text.input("Het buurthuis sluit om vijf uur")
    at.button[[b.label for b in at.button].index("Plak op het bord")].click().run()
    notes = app_store.load_snapshot(board_id=board.board.id).notes
    assert [(n.text, n.by_facilitator) for n in notes if n.by_facilitator] == [
        ("Het buurthuis sluit om vijf uur", True)
    ]

    at.text_area(key=f"edit_any_text_{note_id}").input("Buurthuis als ontmoetingsplek").run()
    at.button(key=f"edit_any_save_{note_id}").click().run()
    assert app_store.get_note(note_id=note_id).text == "Buurthuis als ontmoetingsplek"
    assert not at.exception


def test_the_recovery_code_is_shown_once_at_creation_and_reopens_the_console(app_store: Store) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    at.text_input[[w.label for w in at.text_input].index("Naam van het bord")].input("Wijkgesprek")
    at.button[[b.label for b in at.button].index("Bord maken")].click().run()
    assert not at.exception
    board = next(b for b in app_store.list_boards() if b.title == "Wijkgesprek")
    shown = [c.value for c in at.code]
    recovery_code = next(value for value in shown if value.count("-") == 3 and len(value) == 19)
    assert any("f=" in value for value in shown)  # the console link, to bookmark

    at.button[[b.label for b in at.button].index("Ik heb de link bewaard en de herstelcode opgeschreven")].click().run()
    assert recovery_code not in [c.value for c in at.code]  # not shown again

    # A new browser without the link: the start page's form re-opens the console.
    fresh = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    code_box = [w for w in fresh.text_input if w.label == "Code van het bord"][-1]
    recovery_box = next(w for w in fresh.text_input if w.label == "Herstelcode")
    code_box.input(board.code)
    recovery_box.input("AAAA-BBBB-CCCC-DDDD")
    fresh.button[[b.label for b in fresh.button].index("Console openen")].click().run()
    assert any("horen niet bij elkaar" in e.value for e in fresh.error)

    recovery_box = next(w for w in fresh.text_input if w.label == "Herstelcode")
    recovery_box.input(recovery_code.lower())
    fresh.button[[b.label for b in fresh.button].index("Console openen")].click().run()
    assert not fresh.exception
    assert fresh.query_params.get("board") == [board.code] or fresh.query_params.get("board") == board.code
    new_token = fresh.query_params.get("f")
    new_token = new_token[0] if isinstance(new_token, list) else new_token
    assert app_store.is_facilitator(board_id=board.id, token=new_token)


def test_a_recovered_console_hands_out_a_presentation_link_that_opens(app_store: Store, board: CreatedBoard) -> None:
    """Issue 23, item 3: recovery replaces the facilitator secret but keeps the presentation's viewer key; the
    recovered console showed a key derived from its new secret, which the server refused ("Geen bord gevonden")."""
    code = app_store.new_recovery_code(board_id=board.board.id, facilitator_token=board.facilitator_token)
    recovered = app_store.recover_console(code=board.board.code, recovery_code=code)
    at = console(recovered)
    assert not at.exception
    button_links = [b.proto.url for b in at.get("link_button") if b.proto.label == "Presentatie openen"]
    shown_links = [c.value for c in at.code if "/presentation?" in c.value]  # "Links van dit bord"
    assert len(button_links) == 1 and len(shown_links) == 1
    for link in [*button_links, *shown_links]:
        params = dict(parse_qsl(urlsplit(link).query))
        assert params["v"] and "f" not in params
        presentation = open_page(Screen.PRESENTATION.script, **params)
        assert not presentation.exception
        assert "Geen bord gevonden" not in [t.value for t in presentation.title], link
        assert not presentation.error, [e.value for e in presentation.error]


def test_the_radar_shows_scoring_comments_per_part_without_names(app_store: Store, board: CreatedBoard) -> None:
    from canvas.models import RoundCreate, ScoreCreate

    person = app_store.join(board_id=board.board.id, new=ParticipantCreate(display_name="Fatima", party=Party.FUNDER))
    app_store.open_round(board_id=board.board.id, new=RoundCreate(), facilitator_token=board.facilitator_token)
    app_store.save_score(
        board_id=board.board.id,
        participant_id=person.id,
        new=ScoreCreate(dimension="legal", level=2, comment="De vergunning duurt een jaar"),
    )
    at = open_page(Screen.RADAR.script, board=board.board.code, f=board.facilitator_token)
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert "Toelichtingen per onderdeel" in shown
    assert "**Juridische kaders**" in shown and "De vergunning duurt een jaar (2)" in shown
    assert "Fatima" not in shown


def test_the_switches_follow_a_change_made_on_another_console(app_store: Store, board: CreatedBoard) -> None:
    from canvas.models import FacilitationChange

    at = console(board)
    assert at.toggle(key="board_locked").value is False
    app_store.set_facilitation(
        board_id=board.board.id,
        change=FacilitationChange(locked=True, vote_dots=7),
        facilitator_token=board.facilitator_token,
    )
    at.run()
    assert at.toggle(key="board_locked").value is True
    assert at.number_input(key="board_vote_dots").value == 7
    at.toggle(key="board_locked").set_value(False).run()  # and this console can still unlock it
    assert not app_store.get_board(board_id=board.board.id).locked


def test_the_ranking_shows_a_notes_punctuation_as_typed(app_store: Store, board: CreatedBoard) -> None:
    """The top of the ranking escaped a note's text twice: the console showed 'sensoren\\?' for 'sensoren?'."""
    board_id = board.board.id
    zone_id = app_store.load_snapshot(board_id=board_id).zones[0].id
    sam = app_store.join(board_id=board_id, new=ParticipantCreate(display_name="Sam", party=Party.CIVIC))
    note = app_store.add_note(
        board_id=board_id, participant_id=sam.id, new=NoteCreate(zone_id=zone_id, text="Van wie zijn de data?")
    )
    cid = canvas_id(app_store, board)
    app_store.set_phase(board_id=board_id, canvas_id=cid, phase=Phase.VOTE, facilitator_token=board.facilitator_token)
    app_store.cast_vote(board_id=board_id, participant_id=sam.id, note_id=note.id)
    at = console(board)
    [ranking] = [m.value for m in at.markdown if "Van wie zijn de data" in m.value]
    # Markdown source: one backslash before the question mark (shown as "?"), never an escaped backslash.
    assert "Van wie zijn de data\\?" in ranking and "\\\\" not in ranking
    assert not at.exception


@pytest.mark.parametrize(("language", "earlier", "later"), [("nl", "Eerder", "Later"), ("en", "Earlier", "Later")])
def test_the_agendas_buttons_say_what_they_do(
    app_store: Store, board: CreatedBoard, language: str, earlier: str, later: str
) -> None:
    """A screen reader says a button's label, never its tooltip: the agenda's buttons were named "↑" and "↓"
    (#23, the new audit; WCAG 2.4.6)."""
    from canvas.content import canvas_template

    app_store.add_canvas(
        board_id=board.board.id,
        template=canvas_template("experiment_canvas"),
        facilitator_token=board.facilitator_token,
    )
    at = console(board, language)
    assert not at.exception
    agenda = [b for b in at.button if (b.key or "").startswith(("agenda_up_", "agenda_down_"))]
    assert len(agenda) == 4
    assert {b.label for b in agenda} == {earlier, later}
    moved = next(b for b in agenda if b.key.startswith("agenda_down_") and not b.disabled)
    moved.click().run()
    first = app_store.load_snapshot(board_id=board.board.id).canvases[0]
    assert first.template == "experiment_canvas"  # the house moved later
