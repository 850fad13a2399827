"""`roleplay sessions list|show|export|import`: the stored practice calls."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from app.auth import AccessDenied
from app.cli.access_support import access_cli_error, add_trainer_option, cli_viewer
from app.cli.errors import CliError
from app.cli.storage_support import (
    add_database_option,
    add_filter_options,
    bounded_int,
    filters_from,
    open_cli_repository,
    open_cli_service,
    storage_cli_error,
    storage_message,
)
from app.texts import has_text, msg

if TYPE_CHECKING:
    from app.storage import SessionDetail, SessionRecord


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("sessions", help="list, show, export or import stored sessions")
    sub = parser.add_subparsers(dest="sessions_command", metavar="ACTION", required=True)

    listing = sub.add_parser("list", help="stored sessions, newest first, one per line starting with the id")
    add_filter_options(listing)
    listing.add_argument("--limit", type=bounded_int(1, 10_000), default=50, help="sessions per page (default 50)")
    listing.add_argument("--offset", type=bounded_int(0, 1_000_000_000), default=0, help="skip this many (paging)")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    add_trainer_option(listing)
    add_database_option(listing)
    listing.set_defaults(handler=list_command)

    show = sub.add_parser("show", help="one session with its turns, scores, comments and overrides")
    show.add_argument("session_id", metavar="SESSION_ID")
    show.add_argument("--json", action="store_true")
    show.add_argument("--trainee", metavar="NAME", help="open it as this trainee (their own sessions only)")
    add_trainer_option(show)
    add_database_option(show)
    show.set_defaults(handler=show_command)

    export = sub.add_parser("export", help="sessions as CSV (one row per turn) or JSON (audio included)")
    export.add_argument("--format", choices=("csv", "json"), required=True)
    export.add_argument("--out", type=Path, metavar="FILE", help="write here instead of the terminal")
    export.add_argument("--no-audio", action="store_true", help="JSON without the recordings")
    add_filter_options(export)
    add_trainer_option(export)
    add_database_option(export)
    export.set_defaults(handler=export_command)

    rescore = sub.add_parser("rescore", help="for IT: score stored sessions again from their transcripts "
                                             "(call score and items; trainer overrides kept)")
    rescore.add_argument("--all", action="store_true",
                         help="every session, not only those scored by an older version of the scorer")
    rescore.add_argument("--jobs", type=bounded_int(1, 61), default=1, metavar="N",  # 61: Windows' process-pool limit
                         help="score in N processes at once (default 1; up to one per CPU core helps)")
    add_database_option(rescore)
    rescore.set_defaults(handler=rescore_command)

    importing = sub.add_parser("import", help="add the sessions of a JSON export (never twice)")
    importing.add_argument("file", type=Path, metavar="FILE.json")
    add_trainer_option(importing)
    add_database_option(importing)
    importing.set_defaults(handler=import_command)


def _local(summary_time) -> str:
    return summary_time.astimezone().strftime("%Y-%m-%d %H:%M") if summary_time else "-"


def summary_line(s: SessionRecord) -> str:
    score = "-" if s.score is None else str(s.score)
    return "\t".join([str(s.uuid), _local(s.started_at), s.trainee, s.scenario_id, s.status,
                      s.outcome or "-", score, str(s.turn_count)])


def list_command(args: argparse.Namespace) -> int:
    from app.storage import StorageError

    service = open_cli_service(args.database)
    filters = filters_from(args)
    viewer = cli_viewer(service, args)  # a trainee sees only their own sessions, whatever the filter
    try:
        sessions = service.list_sessions(viewer, filters, limit=args.limit, offset=args.offset)
        total = service.count_sessions(viewer, filters) if not args.json else len(sessions)
    except AccessDenied as denied:
        raise access_cli_error(viewer, denied) from None
    except StorageError as error:
        raise storage_cli_error(error) from error
    if args.json:
        print(json.dumps([s.to_dict() for s in sessions], ensure_ascii=False, indent=2))
        return 0
    if not sessions:
        print(msg("sessions.none"))
        return 0
    for s in sessions:
        print(summary_line(s))
    if args.offset + len(sessions) < total:
        print(msg("sessions.page", shown=len(sessions), total=total, next=args.offset + len(sessions)),
              file=sys.stderr)
    return 0


def format_detail(detail: SessionDetail) -> str:
    s = detail.summary
    lang = s.language
    lines = [f"{s.uuid}  {_local(s.started_at)}  {msg('trainee', lang)}: {s.trainee}",
             f"{s.scenario_id} v{s.scenario_version}: {s.scenario_title}",
             f"{msg('outcome', lang)}: {msg('status.' + s.status, lang)}"
             + (f", {msg('outcome.' + s.outcome, lang)}" if s.outcome else "")
             + (f" ({msg('reason.' + s.end_reason, lang)})" if s.end_reason and has_text(f"reason.{s.end_reason}")
                else ""),
             f"{msg('average', lang)}: {'-' if s.average_score is None else s.average_score}   "
             f"{msg('emotion_curve', lang)}: {' -> '.join(str(v) for v in detail.emotion_curve)}"]
    for t in detail.turns:
        lines.append("")
        lines.append(f"{msg('turn', lang, n=t.index + 1)}  [{msg('intensity', lang)} {t.intensity_before}"
                     f" -> {t.intensity_after}]")
        lines.append(f"  {msg('customer', lang)}: {t.customer_text}")
        lines.append(f"  {msg('you', lang)}: {t.reply_text}")
        overall = f"{t.overall}" + (f" -> {t.overall_override}" if t.overall_override is not None else "")
        scores = ", ".join(f"{msg('short.' + name, lang) if has_text('short.' + name) else name} {d.score}"
                           + (f"->{d.override}" if d.override is not None else "")
                           for name, d in t.dimensions.items())
        lines.append(f"  {msg('overall', lang)} {overall}: {scores}")
        for side in ("customer", "trainee"):
            track = detail.audio_track(t.index, side)
            if track is not None:
                lines.append(f"  {msg('audio', lang)} ({side}): {track.duration_s:.1f} s")
    for c in detail.comments:
        where = f" [{msg('turn', lang, n=c.turn_index + 1)}]" if c.turn_index is not None else ""
        lines.append(f"{msg('comment', lang)}{where} {c.author or '-'}: {c.text}")
    for o in detail.overrides:
        lines.append(f"{msg('override', lang)} [{msg('turn', lang, n=o.turn_index + 1)}] {o.dimension}: "
                     f"{o.original_score} -> {o.new_score} ({o.author or '-'}: {o.reason})")
    return "\n".join(lines)


def show_command(args: argparse.Namespace) -> int:
    from app.storage import StorageError

    service = open_cli_service(args.database)
    viewer = cli_viewer(service, args)
    try:  # one of the two: --json prints the export's document, else the formatted detail
        document = service.session_document(viewer, args.session_id) if args.json else None
        detail = service.load_session(viewer, args.session_id) if document is None else None
    except ValueError:
        raise CliError(msg("storage.not_found", id=args.session_id)) from None
    except AccessDenied as denied:
        raise access_cli_error(viewer, denied) from None
    except StorageError as error:
        raise storage_cli_error(error) from error
    if document is not None:  # the export's shape, one session, without the sound
        print(json.dumps(document, ensure_ascii=False, indent=2))
    elif detail is not None:
        print(format_detail(detail))
    return 0


@contextmanager
def _output(path: Path | None, newline: str | None = None) -> Iterator[IO[str]]:
    """The terminal, or `path` written whole or not at all: a temporary file beside it, renamed
    into place once complete (a full disk leaves the previous file as it was)."""
    if path is None:
        yield sys.stdout
        return
    partial = path.with_name(f".{path.name}.partial")
    try:
        try:
            with partial.open("w", encoding="utf-8", newline=newline) as handle:
                yield handle
            partial.replace(path)
        except OSError as error:
            raise CliError(msg("err.cannot_write", path=path, error=error.strerror or error)) from error
    finally:
        partial.unlink(missing_ok=True)


def export_command(args: argparse.Namespace) -> int:
    from app.storage import StorageError

    service = open_cli_service(args.database)
    filters = filters_from(args)
    viewer = cli_viewer(service, args, trainer_only=True)
    try:
        with _output(args.out, newline="" if args.format == "csv" else None) as out:
            count = service.export(viewer, out, args.format, filters, with_audio=not args.no_audio)
        done = msg("sessions.exported_rows" if args.format == "csv" else "sessions.exported", count=count,
                   path=args.out or "-")
    except AccessDenied as denied:
        raise access_cli_error(viewer, denied) from None
    except StorageError as error:
        raise storage_cli_error(error) from error
    print(done, file=sys.stderr)
    return 0


def import_command(args: argparse.Namespace) -> int:
    """The whole file is checked before anything is written; a bad file is bad input (exit 2)."""
    from app.storage import ImportFormatError, StorageError

    if args.file.exists() and not args.file.is_file():  # a pipe or a device would never end
        raise CliError(msg("err.import_not_a_file", path=args.file))
    service = open_cli_service(args.database)
    viewer = cli_viewer(service, args, trainer_only=True)
    try:
        with args.file.open(encoding="utf-8") as source:
            report = service.import_sessions(viewer, source)
    except AccessDenied as denied:
        raise access_cli_error(viewer, denied) from None
    except UnicodeDecodeError as error:
        raise CliError(msg("err.cannot_read", path=args.file, error=msg("err.not_utf8"))) from error
    except OSError as error:
        raise CliError(msg("err.cannot_read", path=args.file, error=error.strerror or error)) from error
    except ImportFormatError as error:
        raise CliError(storage_message(error)) from error
    except StorageError as error:
        raise storage_cli_error(error) from error
    print(msg("sessions.imported", imported=report.imported, skipped=report.skipped,
              comments=report.comments_added, overrides=report.overrides_added))
    return 0


def rescore_command(args: argparse.Namespace) -> int:
    """Score stored sessions again (IT, after an upgrade): one line of progress per batch."""
    from app.storage import StorageError
    from app.storage.rescore import RescoreWorkersError, rescore_sessions

    repository = open_cli_repository(args.database)

    def progress(done: int, total: int) -> None:
        print(msg("rescore.progress", done=done, total=total), file=sys.stderr, flush=True)

    try:
        report = rescore_sessions(repository.database, only_outdated=not args.all, progress=progress, jobs=args.jobs)
    except StorageError as error:
        raise storage_cli_error(error) from error
    except RescoreWorkersError as error:
        raise CliError(msg("rescore.workers_failed", jobs=args.jobs)) from error
    print(msg("rescore.done", rescored=report.rescored, skipped=report.skipped))
    return 0
