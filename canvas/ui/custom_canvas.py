"""A facilitator's own canvas for one board: a title and up to nine zones, each with an optional question."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from canvas.errors import CanvasError
from canvas.i18n import t
from canvas.models import (
    CANVAS_TITLE_MAX,
    CUSTOM_ZONES_MAX,
    ZONE_PROMPT_MAX,
    ZONE_TITLE_MAX,
    Board,
    CustomCanvasCreate,
    CustomZoneCreate,
    Language,
)
from canvas.ui.context import get_store
from canvas.ui.errors import error_message, input_problem


def zones_from_rows(rows: pd.DataFrame) -> list[CustomZoneCreate]:
    """Zones from the editor's rows; rows without a zone name are skipped (empty lines are normal)."""
    zones = []
    for title, prompt in zip(rows["zone"].fillna(""), rows["question"].fillna(""), strict=True):
        if str(title).strip():
            zones.append(CustomZoneCreate(title=str(title), prompt=str(prompt)))
    return zones


def custom_canvas_form(board: Board, token: str, language: Language) -> None:
    with st.form("custom_canvas", border=False):
        title = st.text_input(t("custom.title_label", language), max_chars=CANVAS_TITLE_MAX)
        st.caption(t("custom.zones_help", language, max=CUSTOM_ZONES_MAX))
        rows = st.data_editor(
            pd.DataFrame({"zone": [""] * 3, "question": [""] * 3}),
            num_rows="dynamic",
            width="stretch",
            hide_index=True,
            column_config={
                "zone": st.column_config.TextColumn(t("custom.zone_column", language), max_chars=ZONE_TITLE_MAX),
                "question": st.column_config.TextColumn(
                    t("custom.question_column", language), max_chars=ZONE_PROMPT_MAX
                ),
            },
            key="custom_canvas_zones",
        )
        submitted = st.form_submit_button(t("custom.create_button", language), type="primary")
    if not submitted:
        return
    try:
        new = CustomCanvasCreate(title=title, zones=zones_from_rows(rows))
    except ValidationError as error:
        key, values = input_problem(error)
        if key in ("error.control_characters", "error.invisible_only"):
            st.error(t(key, language, **values))
            return
        fields = {str(problem["loc"][0]) for problem in error.errors()}
        st.error(t("custom.error_title" if "title" in fields else "custom.error_zones", language, max=CUSTOM_ZONES_MAX))
        return
    try:
        get_store().add_custom_canvas(board_id=board.id, new=new, facilitator_token=token)
    except CanvasError as error:
        st.error(error_message(error, language))
        return
    st.rerun()
