"""One schema source: a freshly migrated database equals the tables in canvas/store.py, on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import Boolean, DateTime, Float, Integer, String, inspect, text
from sqlalchemy.exc import IntegrityError

from canvas.models import CreatedBoard
from canvas.store import SQLITE_SYNCHRONOUS, Store, metadata

# The type families that matter for the app ("roughly": BIGINT and INTEGER are both integers).
FAMILIES = (Boolean, Integer, Float, DateTime, String)


def family(type_) -> str:
    for kind in FAMILIES:
        if isinstance(type_, kind):
            length = getattr(type_, "length", None) if kind is String else None
            return f"{kind.__name__}({length})" if length else kind.__name__
    # SQLite reflects BOOLEAN as a NUMERIC-affinity type in some versions; say what it was.
    return type(type_).__name__


def code_schema(dialect: str) -> dict:
    tables = {}
    for table in metadata.sorted_tables:
        indexes = set()
        for index in table.indexes:
            where = index.dialect_options[dialect]._non_defaults.get("where") is not None
            indexes.add((index.name, tuple(c.name for c in index.columns), bool(index.unique), where))
        uniques = {
            tuple(sorted(c.name for c in constraint.columns))
            for constraint in table.constraints
            if constraint.__class__.__name__ == "UniqueConstraint"
        }
        foreign_keys = {
            (fk.parent.name, fk.column.table.name, fk.column.name, fk.ondelete) for fk in table.foreign_keys
        }
        columns = {c.name: (family(c.type), c.nullable, c.primary_key) for c in table.columns}
        tables[table.name] = {"columns": columns, "indexes": indexes, "uniques": uniques, "fks": foreign_keys}
    return tables


def database_schema(store: Store) -> dict:
    inspector = inspect(store.engine)
    dialect = store.engine.dialect.name
    tables = {}
    for name in inspector.get_table_names():
        if name == "schema_migrations":
            continue
        primary = set(inspector.get_pk_constraint(name)["constrained_columns"])
        columns = {
            c["name"]: (family(c["type"]), c["nullable"] and c["name"] not in primary, c["name"] in primary)
            for c in inspector.get_columns(name)
        }
        indexes = set()
        for index in inspector.get_indexes(name):
            if index.get("duplicates_constraint"):  # PostgreSQL lists a UNIQUE constraint's index too
                continue
            where = (index.get("dialect_options") or {}).get(f"{dialect}_where") is not None
            indexes.add((index["name"], tuple(index["column_names"]), bool(index["unique"]), where))
        uniques = {tuple(sorted(u["column_names"])) for u in inspector.get_unique_constraints(name)}
        foreign_keys = {
            (
                fk["constrained_columns"][0],
                fk["referred_table"],
                fk["referred_columns"][0],
                (fk.get("options") or {}).get("ondelete"),
            )
            for fk in inspector.get_foreign_keys(name)
        }
        if dialect == "sqlite":
            uniques |= sqlite_inline_uniques(store, name)
            foreign_keys = sqlite_foreign_keys(store, name)
        tables[name] = {"columns": columns, "indexes": indexes, "uniques": uniques, "fks": foreign_keys}
    return tables


def sqlite_foreign_keys(store: Store, table: str) -> set[tuple]:
    """SQLAlchemy does not reflect ON DELETE of an inline REFERENCES on SQLite; the pragma does."""
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(f"PRAGMA foreign_key_list({table})")
        return {(row[3], row[2], row[4], None if row[6] == "NO ACTION" else row[6]) for row in rows}


def sqlite_inline_uniques(store: Store, table: str) -> set[tuple[str, ...]]:
    """UNIQUE written on a column (``code ... UNIQUE``): SQLite keeps it as an automatic index only."""
    with store.engine.connect() as conn:
        names = [row[1] for row in conn.exec_driver_sql(f"PRAGMA index_list({table})") if row[3] == "u"]
        return {tuple(sorted(row[2] for row in conn.exec_driver_sql(f"PRAGMA index_info({index})"))) for index in names}


def test_a_migrated_database_equals_the_codes_tables(store: Store) -> None:
    expected = code_schema(store.engine.dialect.name)
    actual = database_schema(store)
    assert sorted(actual) == sorted(expected)
    for name in expected:
        for part in ("columns", "indexes", "uniques", "fks"):
            assert actual[name][part] == expected[name][part], f"{name}.{part}"


def test_the_database_refuses_a_second_open_round(store: Store, created: CreatedBoard) -> None:
    # The partial unique index itself, below the store's own care (which takes the board's row lock).
    insert = "INSERT INTO rounds (board_id, number, opened_at) VALUES (:board, :number, CURRENT_TIMESTAMP)"
    with store.engine.begin() as conn:
        conn.execute(text(insert), {"board": created.board.id, "number": 1})
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(text(insert), {"board": created.board.id, "number": 2})
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE rounds SET closed_at = CURRENT_TIMESTAMP"))
        conn.execute(text(insert), {"board": created.board.id, "number": 2})  # a closed round does not count


def test_sqlite_overwrites_deleted_text_and_keeps_its_chosen_durability(sqlite_url: str) -> None:
    store = Store(sqlite_url)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar_one() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        synchronous = conn.exec_driver_sql("PRAGMA synchronous").scalar_one()
    store.close()
    assert synchronous == {"NORMAL": 1, "FULL": 2}[SQLITE_SYNCHRONOUS]
