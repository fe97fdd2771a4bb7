"""The host's command line: ``python -m canvas``. The database comes from CANVAS_DATABASE_URL, as for the app.

Exit codes, for scripts:
    0  done
    1  refused or not found (no board with that code, a file that cannot be imported)
    2  usage error (unknown command or option, missing argument)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from canvas.errors import BoardNotFound
from canvas.exports.registry import FORMATS, export, file_name, load_source
from canvas.exports.schema import MAX_IMPORT_BYTES, ImportRefused, parse_document
from canvas.i18n import t
from canvas.models import Language
from canvas.settings import Settings, SettingsError
from canvas.store import Store, set_read_only

OK, REFUSED, USAGE = 0, 1, 2
EPILOG = "Exit codes: 0 done, 1 refused or not found, 2 usage error. Database: CANVAS_DATABASE_URL (as the app)."


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m canvas", description="Samenwerkingscanvas for hosts: boards, exports, imports.", epilog=EPILOG
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("demo", help="create the demo board (once; later runs find it)", epilog=EPILOG)
    commands.add_parser("list", help="list every board: code, created, language, title", epilog=EPILOG)
    exporting = commands.add_parser("export", help="write a board to a file", epilog=EPILOG)
    exporting.add_argument("code", help="the board's join code")
    exporting.add_argument("--format", required=True, choices=sorted(FORMATS), help="pdf report, png/csv ZIP, json")
    exporting.add_argument("--output", type=Path, help="file or folder to write (default: a named file here)")
    exporting.add_argument("--language", choices=[lang.value for lang in Language], help="default: the board's")
    importing = commands.add_parser("import", help="make a new board from a JSON export", epilog=EPILOG)
    importing.add_argument("path", type=Path, help="the JSON file")
    deleting = commands.add_parser("delete", help="delete a board and everything on it", epilog=EPILOG)
    deleting.add_argument("code", help="the board's join code")
    deleting.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    read_only = commands.add_parser(
        "read-only", help="make a board read-only (watched, never written), e.g. a shared example", epilog=EPILOG
    )
    read_only.add_argument("code", help="the board's join code")
    read_only.add_argument("--off", action="store_true", help="make it writable again")
    commands.add_parser(
        "purge",
        help="delete every board not changed for CANVAS_BOARD_EXPIRY_DAYS days and not kept, and demo copies older "
        "than CANVAS_DEMO_EXPIRY_HOURS, with all their rows",
        epilog=EPILOG,
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)  # exits with 2 on a usage error
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return USAGE
    store = Store(settings.database_url, settings=settings)
    try:
        return COMMANDS[args.command](store, args)
    except BoardNotFound:
        print(f"No board with code {getattr(args, 'code', '?')}.", file=sys.stderr)
        return REFUSED
    finally:
        store.close()


def _demo(store: Store, _args: argparse.Namespace) -> int:
    from canvas.demo import ensure_demo_board

    board, token = ensure_demo_board(store)
    print(f"code: {board.code}")
    if token:
        print(f"facilitator token: {token}")
        print(f"facilitator link: /console?board={board.code}&f={token}")
    else:
        print("The demo board already existed; nothing was changed.")
    return OK


def _list(store: Store, _args: argparse.Namespace) -> int:
    for board in store.list_boards():
        print(f"{board.code}\t{board.created_at:%Y-%m-%d %H:%M}\t{board.language.value}\t{board.title}")
    return OK


def _export(store: Store, args: argparse.Namespace) -> int:
    board = store.find_board(code=args.code)
    language = Language(args.language) if args.language else None
    source = load_source(store, board_id=board.id, language=language)
    name = file_name(board.title, source.exported_at, args.format)
    target = args.output or Path(name)
    if target.is_dir():
        target = target / name
    target.write_bytes(export(source, args.format))
    print(target)
    return OK


def _import(store: Store, args: argparse.Namespace) -> int:
    try:
        with args.path.open("rb") as handle:
            raw = handle.read(MAX_IMPORT_BYTES + 1)  # never read a huge file whole; one byte over is refused
        created = store.import_board(document=parse_document(raw))
    except OSError as error:
        print(f"Cannot read {args.path}: {error.strerror}", file=sys.stderr)
        return REFUSED
    except ImportRefused as refused:
        print(t(refused.message_key, Language.EN), file=sys.stderr)
        if refused.detail:
            print(refused.detail, file=sys.stderr)
        return REFUSED
    print(f"code: {created.board.code}")
    print(f"facilitator token: {created.facilitator_token}")
    print(f"facilitator link: /console?board={created.board.code}&f={created.facilitator_token}")
    print(f"recovery code: {created.recovery_code}")
    return OK


def _delete(store: Store, args: argparse.Namespace) -> int:
    board = store.find_board(code=args.code)
    if not args.yes and sys.stdin.isatty():
        answer = input(f"Delete '{board.title}' ({board.code}) and everything on it? [y/N] ")
        if answer.strip().lower() not in ("y", "yes", "j", "ja"):
            print("Nothing deleted.")
            return REFUSED
    store.admin_delete_board(board_id=board.id)
    print(f"Deleted {board.code}.")
    return OK


def _purge(store: Store, _args: argparse.Namespace) -> int:
    """Run it daily (cron, a systemd timer): boards expire unless their facilitator keeps them."""
    deleted = store.purge_expired()
    print(f"Deleted {deleted} expired board{'' if deleted == 1 else 's'}.")
    return OK


def _read_only(store: Store, args: argparse.Namespace) -> int:
    board = store.find_board(code=args.code)
    set_read_only(store, board_id=board.id, read_only=not args.off)
    print(f"{board.code} is {'writable' if args.off else 'read-only'} now.")
    return OK


COMMANDS = {
    "demo": _demo,
    "list": _list,
    "export": _export,
    "import": _import,
    "delete": _delete,
    "read-only": _read_only,
    "purge": _purge,
}
