"""Named snapshots on the export page: save the board's state under a name, compare two states."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from canvas.content import handbook
from canvas.errors import CanvasError
from canvas.exports.json_document import render_json
from canvas.exports.registry import load_source
from canvas.exports.schema import BoardDocument, parse_document
from canvas.exports.snapshots import SNAPSHOT_NAME_MAX, NoteChange, NoteFacts, SnapshotCreate, compare
from canvas.i18n import t
from canvas.models import Board, Language
from canvas.ui.context import get_store
from canvas.ui.tables import number_table

NOW = 0  # the option "the board as it is now" in the comparison


def snapshot_section(board: Board, token: str, language: Language) -> None:
    st.subheader(t("export.snapshots_heading", language))
    st.caption(t("export.snapshots_help", language))
    with st.form("save_snapshot", border=False):
        name = st.text_input(
            t("export.snapshot_name", language),
            max_chars=SNAPSHOT_NAME_MAX,
            placeholder=t("export.snapshot_name_placeholder", language),
        )
        if st.form_submit_button(t("export.snapshot_save", language), icon=":material/bookmark_add:"):
            _save(board, token, name, language)
    saved = get_store().list_snapshots(board_id=board.id)
    if not saved:
        st.caption(t("export.snapshots_none", language))
        return
    names = {s.id: f"{s.name} ({s.created_at:%d-%m-%Y %H:%M} UTC)" for s in saved}
    names[NOW] = t("export.snapshot_now", language)
    options = [s.id for s in saved] + [NOW]
    left, right = st.columns(2)
    with left:
        before = st.selectbox(
            t("radar.before", language),
            options,
            index=len(options) - 2,
            format_func=names.__getitem__,
            key="snap_before",
        )
    with right:
        after = st.selectbox(
            t("radar.after", language), options, index=len(options) - 1, format_func=names.__getitem__, key="snap_after"
        )
    if before is not None and after is not None:  # always, with options to choose from
        _comparison(board, before, after, language)


def _save(board: Board, token: str, name: str, language: Language) -> None:
    try:
        new = SnapshotCreate(name=name)
    except ValidationError:
        st.error(t("export.snapshot_name_error", language, max=SNAPSHOT_NAME_MAX))
        return
    document = render_json(load_source(get_store(), board_id=board.id)).decode("utf-8")
    try:
        get_store().save_snapshot(board_id=board.id, new=new, document=document, facilitator_token=token)
    except CanvasError as error:
        st.error(t(error.message_key, language))
        return
    st.success(t("export.snapshot_saved", language, name=new.name))


def _document(board: Board, snapshot_id: int) -> BoardDocument:
    store = get_store()
    if snapshot_id == NOW:
        return parse_document(render_json(load_source(store, board_id=board.id)))
    return parse_document(store.snapshot_document(board_id=board.id, snapshot_id=snapshot_id))


def _comparison(board: Board, before: int, after: int, language: Language) -> None:
    diff = compare(_document(board, before), _document(board, after))
    counts = st.columns(4)
    for column, (key, changes) in zip(
        counts,
        (("added", diff.added), ("removed", diff.removed), ("moved", diff.moved), ("edited", diff.edited)),
        strict=True,
    ):
        column.metric(t(f"export.diff_{key}", language), len(changes))
    if diff.unchanged_board:
        st.caption(t("export.diff_none", language))
    for key, changes in (
        ("added", diff.added),
        ("removed", diff.removed),
        ("moved", diff.moved),
        ("edited", diff.edited),
    ):
        if changes:
            st.markdown(f"**{t(f'export.diff_{key}', language)}**")
            st.dataframe(_note_table(changes, language), hide_index=True, width="stretch")
    st.markdown(f"**{t('export.diff_radar', language)}**")
    number_table(
        pd.DataFrame(
            [
                {
                    t("radar.col_dimension", language): handbook().dimension(c.dimension).name(language),
                    t("radar.before", language): c.before,
                    t("radar.after", language): c.after,
                    t("radar.col_change", language): c.delta,
                }
                for c in diff.radar
            ]
        ),
        language,
        signed_columns=[t("radar.col_change", language)],
    )


def _note_table(changes: tuple[NoteChange, ...], language: Language) -> pd.DataFrame:
    rows = []
    for change in changes:
        note = change.after or change.before
        if note is None:  # a change always has a before, an after or both
            continue
        row = {
            t("export.col_note", language): note.text,
            t("export.col_author", language): note.author_label(language),
            t("export.col_party", language): note.party_label(language),
        }
        if change.before and change.after:
            row[t("radar.before", language)] = _place_or_text(change.before, change.after)
            row[t("radar.after", language)] = _place_or_text(change.after, change.before)
        else:
            row[t("export.col_zone", language)] = f"{note.canvas} › {note.zone}"
        rows.append(row)
    return pd.DataFrame(rows)


def _place_or_text(this: NoteFacts, other: NoteFacts) -> str:
    """For a moved note its place; for an edited one its text."""
    if (this.canvas, this.zone) != (other.canvas, other.zone):
        return f"{this.canvas} › {this.zone}"
    return this.text
