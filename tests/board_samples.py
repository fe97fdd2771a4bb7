"""Boards to export: every kind of thing a board can hold, in the store, through its public methods."""

from __future__ import annotations

from canvas.content import canvas_template, default_canvas
from canvas.models import (
    DIMENSION_KEYS,
    BoardCreate,
    CreatedBoard,
    CustomCanvasCreate,
    CustomZoneCreate,
    Language,
    NoteCreate,
    ParticipantCreate,
    Party,
    RoundCreate,
    ScoreCreate,
)
from canvas.store import Store

PEOPLE = (
    ("Zoë van den Berg", Party.CIVIC),
    (None, Party.GOVERNMENT),  # anonymous
    ("Ahmed El Amrani", Party.BUSINESS),
    ("Małgorzata Wójcik", Party.FUNDER),
    ("Σοφία", Party.OTHER),
)
TEXTS = (
    "Een park waar buren elkaar ontmoeten — café, bankjes, € 12.500 voor verlichting",
    "Wie beslist over het paviljoen? Naïeve vraag misschien",
    "Vergunning 'evenementen' duurt 8 weken: te lang",
    "Буквы и ελληνικά in één notitie",
    "שלום and مرحبا side by side",
    "Emoji: 🌳 and 👍🏽 and 中文 characters",
    "Kort",
    "Een heel lange notitie die de ruimte van een plakbriefje ruim overschrijdt, zodat we zien dat de tekst "
    "netjes wordt afgebroken en in de lijst eronder toch helemaal voluit staat, tot het laatste woord: einde.",
)
COMMENTS = ("Te weinig overleg met de buurt", "Geld is er, regels ontbreken — €", "Goed op weg 🙂", "")


def rich_board(store: Store, *, notes: int = 24, language: Language = Language.NL, rounds: int = 2) -> CreatedBoard:
    """A board with people of every party (one anonymous), three canvases (one custom, one empty), notes in
    many scripts, scoring rounds with "don't know" and comments."""
    created = store.create_board(
        first_canvas=default_canvas(), new=BoardCreate(title="Café Noorderpark — €-plan 2027", language=language)
    )
    board_id, token = created.board.id, created.facilitator_token
    people = [
        store.join(board_id=board_id, new=ParticipantCreate(display_name=name, party=party)) for name, party in PEOPLE
    ]
    store.add_canvas(board_id=board_id, template=canvas_template("values_compass"), facilitator_token=token)
    store.add_custom_canvas(
        board_id=board_id,
        new=CustomCanvasCreate(
            title="Onze vragen ✨",
            zones=[
                CustomZoneCreate(title="Open vragen", prompt="Wat weten we nog niet?"),
                CustomZoneCreate(title="Leeg vak"),
            ],
        ),
        facilitator_token=token,
    )
    snapshot = store.load_snapshot(board_id=board_id)
    # The last zone (the custom canvas's "Leeg vak") stays empty on purpose.
    zones = [z.id for z in snapshot.zones][:-1]
    for index in range(notes):
        text = TEXTS[index % len(TEXTS)] + ("" if index < len(TEXTS) else f" #{index}")
        store.add_note(
            board_id=board_id,
            participant_id=people[index % len(people)].id,
            new=NoteCreate(zone_id=zones[index % len(zones)], text=text[:280]),
        )
    for number in range(rounds):
        store.open_round(board_id=board_id, new=RoundCreate(title=f"Ronde {number + 1}"), facilitator_token=token)
        for p_index, person in enumerate(people):
            for d_index, dimension in enumerate(DIMENSION_KEYS):
                level = None if (p_index + d_index) % 7 == 3 else 1 + (p_index * 2 + d_index + number) % 5
                comment = COMMENTS[(p_index + d_index + number) % len(COMMENTS)] if d_index % 3 == 0 else ""
                store.save_score(
                    board_id=board_id,
                    participant_id=person.id,
                    new=ScoreCreate(dimension=dimension, level=level, comment=comment),
                )
    store.close_round(board_id=board_id, facilitator_token=token) if rounds else None
    store.set_scores_public(board_id=board_id, public=True, facilitator_token=token)
    return created


# A workshop's worth of notes for the presentation's fit check: realistic lengths (a few words up to two
# sentences), five parties, spread unevenly over the house as in a real session (some zones fill up first).
WORKSHOP_PEOPLE = (
    ("Fatima", Party.CIVIC),
    ("Jeroen", Party.GOVERNMENT),
    ("Anouk", Party.FUNDER),
    ("Mehmet", Party.BUSINESS),
    ("Lotte", Party.OTHER),
    ("Priya", Party.CIVIC),
)
WORKSHOP_TEXTS = (
    "Samen het buurthuis openhouden",
    "Wie is eigenaar van de data uit de sensoren?",
    "Elke maand een open spreekuur in de wijk",
    "Subsidie loopt af in 2027: wat dan?",
    "Bewoners willen meebeslissen over de begroting, niet alleen meepraten achteraf.",
    "Eén aanspreekpunt bij de gemeente",
    "Heldere afspraken over aansprakelijkheid bij vrijwilligerswerk",
    "We gebruiken verschillende woorden voor hetzelfde: maak een begrippenlijst",
    "Open source software voor het buurtplatform",
    "Vertrouwen groeit door kleine successen",
    "Fondsen vragen resultaten die wij niet kunnen meten",
    "Koppel het initiatief aan het wijkplan zodat het blijft bestaan als de wethouder wisselt.",
    "Privacy: toestemming vragen voor foto's",
    "Een gedeelde agenda",
)
# Notes per house zone, in the order of the house (five pillars, then the foundation): uneven on purpose.
WORKSHOP_SPREAD = {
    "language": 6,
    "governance": 12,
    "finance": 9,
    "legal": 5,
    "opentech": 4,
    "goals": 11,
    "values": 8,
    "embedding": 5,
}


def workshop_house(store: Store, *, notes: int = 60, language: Language = Language.NL) -> CreatedBoard:
    """A house board with ``notes`` notes (60 by default) spread unevenly over its eight zones."""
    created = store.create_board(
        first_canvas=default_canvas(), new=BoardCreate(title="Buurtenergie Noord", language=language)
    )
    add_workshop_notes(store, created, notes)
    return created


def add_workshop_notes(store: Store, created: CreatedBoard, notes: int, *, start: int = 0) -> None:
    """Add ``notes`` more notes to the house, cycling over the spread so the busy zones stay busiest."""
    board_id = created.board.id
    zones = {z.key: z.id for z in store.load_snapshot(board_id=board_id).zones}
    people = [
        store.join(board_id=board_id, new=ParticipantCreate(display_name=name, party=party))
        for name, party in WORKSHOP_PEOPLE
    ]
    slots = [key for key, count in WORKSHOP_SPREAD.items() for _ in range(count)]
    for index in range(start, start + notes):
        store.add_note(
            board_id=board_id,
            participant_id=people[index % len(people)].id,
            new=NoteCreate(zone_id=zones[slots[index % len(slots)]], text=WORKSHOP_TEXTS[index % len(WORKSHOP_TEXTS)]),
        )
