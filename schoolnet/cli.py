"""The ``schoolnet`` command line: thin commands over the services.

Every command takes ``--db PATH`` (the embedded store, default ``./schoolnet.db``) or
``--backend neo4j`` (with ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``).
Exit status 0 on success; on any error a plain message on stderr and a non-zero status, never a
traceback (set ``SCHOOLNET_DEBUG=1`` to see one).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from graph.store import Store, StoreError
from labels import t
from labels.formats import fmt_count, parse_date

__all__ = ["build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]


def _store(args: argparse.Namespace) -> Store:
    from services.stores import open_store

    return open_store(args.backend, args.db)


def _parse_date(text: str) -> dt.date:
    day = parse_date(text)
    if day is not None:
        return day
    raise argparse.ArgumentTypeError(t("cli.bad_date", value=text))


def _settings(args: argparse.Namespace, store: Any) -> Any:
    """The region's saved settings with this command's options over them."""
    from analysis.settings import AnalysisSettings
    from services.region_settings import region_defaults

    overrides: dict[str, Any] = {}
    for name in ("max_km", "max_band_gap"):
        value = getattr(args, name, None)
        if value is not None:
            overrides[name] = value
    if getattr(args, "capacity", None) is not None:
        overrides["capacity_override"] = args.capacity
    if getattr(args, "municipality", None):
        overrides["municipalities"] = tuple(args.municipality)
    if getattr(args, "no_cross_municipality", False):
        overrides["cross_municipality"] = False
    base = region_defaults(store)
    if not overrides:
        return base
    return AnalysisSettings.model_validate({**base.model_dump(), **overrides})


def _write_table(frame: pd.DataFrame, out: Path) -> None:
    from loaders.writers import write_frame

    write_frame(frame, out)


def _print_stats(report: Any) -> None:
    for line in report.lines():
        print(line)


# --- commands ---------------------------------------------------------------------------------
def cmd_seed(args: argparse.Namespace) -> int:
    from services.access import command_line_actor
    from services.api import import_files
    from services.demo import generate_demo_files

    if args.out is None and args.size == "country" and not args.db_given:
        print(t("cli.seed.country_needs_out"), file=sys.stderr)
        return 2
    if args.by_region:
        if args.out is None:
            print(t("cli.seed.country_needs_out"), file=sys.stderr)
            return 2
        folders = generate_demo_files(
            Path(args.out), args.size, args.seed, args.as_of, by_region=True
        )
        print(t("bulk.regions_written", n=len(folders), out=args.out))
        return 0
    with tempfile.TemporaryDirectory(prefix="schoolnet-seed-") as tmp:
        out = Path(args.out) if args.out else Path(tmp)
        files = generate_demo_files(out, args.size, args.seed, args.as_of)
        if args.out:
            print(t("cli.seed.files_written", n=len(files), out=out))
        if args.out is None or args.db_given or args.backend != "embedded":
            with _store(args) as store:
                report = import_files(store, command_line_actor(), files, batched=args.batched)
            _print_stats(report)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from services.access import command_line_actor, command_line_actor_as
    from services.api import import_files

    with _store(args) as store:
        actor = command_line_actor_as(store, args.as_user) if args.as_user else command_line_actor()
        report = import_files(store, actor, [Path(p) for p in args.paths], batched=args.batched)
    _print_stats(report)
    return 0


def cmd_neo4j_import_files(args: argparse.Namespace) -> int:
    from services.bulk_neo4j import write_neo4j_import_files

    def progress(done: int, total: int) -> None:
        if args.parts:
            print(t("bulk.parts_written", done=done, total=total), file=sys.stderr, flush=True)

    done = write_neo4j_import_files(
        [Path(p) for p in args.paths], Path(args.out), parts=args.parts, progress=progress
    )
    print(
        t(
            "bulk.files_written",
            nodes=done.nodes,
            relationships=done.relationships,
            out=done.directory,
            args=done.args_file.name,
        )
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from services.access import command_line_actor
    from services.api import export_store

    with _store(args) as store:
        export_store(store, command_line_actor(), args.format, Path(args.out))
    print(t("cli.export.done", out=args.out))
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from loaders.template import write_template

    files = write_template(Path(args.out))
    print(t("cli.template.done", n=len(files), out=args.out))
    return 0


def cmd_identify(args: argparse.Namespace) -> int:
    from services.identification import identification_table

    with _store(args) as store:
        table = identification_table(store, _settings(args, store))
    _write_table(table, Path(args.out))
    counts = table["status"].value_counts().to_dict()
    print(t("cli.identify.done", n=len(table), out=args.out))
    for status, n in sorted(counts.items()):
        print(f"  {t('status.' + str(status))}: {n}")
    return 0


def cmd_pair(args: argparse.Namespace) -> int:
    from services.planning import pairing_tables

    with _store(args) as store:
        plan_table, candidates = pairing_tables(store, _settings(args, store))
    _write_table(plan_table, Path(args.out))
    paired = int(plan_table["tutor_school_id"].fillna("").astype(bool).sum())
    print(t("cli.pair.done", paired=paired, unpaired=len(plan_table) - paired, out=args.out))
    if args.candidates_out:
        _write_table(candidates, Path(args.candidates_out))
        print(t("cli.pair.candidates", n=len(candidates), out=args.candidates_out))
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    from services.coverage import coverage_table

    with _store(args) as store:
        table = coverage_table(store, _settings(args, store), args.as_of)
    _write_table(table, Path(args.out))
    print(t("cli.coverage.done", n=len(table) - 1, out=args.out))
    return 0


def cmd_map(args: argparse.Namespace) -> int:
    from services.errors import UserError
    from services.map_paper import FORMATS, map_image

    out = Path(args.out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UserError(t("maps.paper.bad_format", fmt=fmt or "—", allowed=", ".join(FORMATS)))
    with _store(args) as store:
        data = map_image(store, args.measure, fmt, _settings(args, store), args.as_of, args.scheme)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(t("cli.map.done", out=args.out))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from loaders.aliases import sheet_title_ru
    from services.completeness import assessment_items, completeness, gap_text, share_text

    with _store(args) as store:
        c = completeness(store)
    print(t("cli.status.sheets"))
    for sheet, rows in c.sheets.items():
        shown = fmt_count(rows) if rows else t("completeness.not_loaded")
        print(f"  {sheet_title_ru(sheet)} ({sheet}): {shown}")
    print(t("completeness.schools", n=c.schools))
    if c.schools:
        print(
            f"  {t('completeness.with_coordinates')}: {share_text(c.with_coordinates, c.schools)}"
        )
        print(f"  {t('completeness.with_social')}: {share_text(c.with_social, c.schools)}")
        for year, n in c.results_by_year.items():
            print(f"  {t('completeness.with_results', year=year)}: {share_text(n, c.schools)}")
    years = ", ".join(str(y) for y in c.years)
    print(t("completeness.years", years=years) if years else t("completeness.no_years"))
    items = assessment_items(c)
    if items:
        print(t("completeness.assessments", items="; ".join(items)))
    if c.gaps:
        print(t("cli.status.gaps"))
        for gap in c.gaps:
            print(f"  - {gap_text(gap)}")
    else:
        print(t("cli.status.no_gaps"))
    return 0


def _closed_network_options(address: str) -> list[str]:
    """Streamlit options that keep the server from calling out.

    With the address it should show set by hand (``browser.serverAddress``), Streamlit
    neither looks up the machine's external IP over the internet (checkip.amazonaws.com, «Did
    not auto detect external IP») nor probes its LAN address; usage statistics are off
    (``browser.gatherUsageStats`` above). A wildcard listen address shows the host name.
    """
    shown = socket.gethostname() if address in ("0.0.0.0", "::", "") else address
    return ["--server.address", address, "--browser.serverAddress", shown]


def cmd_app(args: argparse.Namespace) -> int:
    from loaders.limits import upload_ceiling_mb
    from services.access import command_line_actor
    from services.api import load_demo
    from services.signin import check_app_settings

    app = Path(__file__).resolve().parent.parent / "app_streamlit" / "app.py"
    # Checked before anything else: a refused address or a missing setting changes nothing.
    secrets = Path.cwd() / ".streamlit" / "secrets.toml"
    signin = check_app_settings(args.address, secrets)
    if signin == "off":
        print(t("access.settings.local_only"))
        args.address = args.address or "127.0.0.1"
    if args.demo:
        with _store(args) as store:
            if not store.count_nodes():
                print(t("cli.app.loading_demo", size=args.demo))
                _print_stats(load_demo(store, command_line_actor(), args.demo))
    if signin == "accounts":
        with _store(args) as store:
            if not store.access().list_users():
                print(t("access.settings.no_users"), file=sys.stderr)
                return 1
    env = dict(os.environ)
    env["SCHOOLNET_BACKEND"] = args.backend
    env["SCHOOLNET_DB"] = str(Path(args.db).resolve())
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.port",
        str(args.port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "viewer",
        "--server.enableXsrfProtection",
        "true",
        "--logger.level",
        "warning",
        "--client.showErrorDetails",
        "none",
        *_closed_network_options(args.address),
        "--server.maxUploadSize",
        str(upload_ceiling_mb()),
    ]
    sys.stdout.flush()
    # Become the Streamlit server, so that signals (Ctrl+C, SIGTERM) reach it directly.
    os.execve(sys.executable, cmd, env)
    return 0  # pragma: no cover - execve does not return


# --- parser -------------------------------------------------------------------------------------
def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, help="SQLite file of the embedded store (./schoolnet.db)")
    p.add_argument(
        "--backend",
        choices=["embedded", "neo4j"],
        default=os.environ.get("SCHOOLNET_BACKEND", "embedded"),
        help="store backend; neo4j reads NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE",
    )


def _as_of(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--as-of", type=_parse_date, default=None, help="reference date (default: today)"
    )


def _max_file(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--max-file-mb",
        dest="max_file_mb",
        type=int,
        default=None,
        help="largest file (app: upload) in MB; default SCHOOLNET_MAX_UPLOAD_MB or 200",
    )


def _batched(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--batched",
        action="store_true",
        help=(
            "Neo4j, country-sized loads: commit in batches of NEO4J_BATCH_SIZE; rerun to "
            "finish. Other imports wait until it is over; readers see each batch as it commits"
        ),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="schoolnet",
        description=t("cli.description"),
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, handler: Handler, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        _common(p)
        p.set_defaults(func=handler)
        return p

    p = add("seed", cmd_seed, "generate the demo region and load it (or write its files)")
    _batched(p)
    p.add_argument("--size", choices=["small", "region", "country"], default="small")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--out", default=None, help="write the import CSVs to this folder")
    p.add_argument(
        "--by-region",
        action="store_true",
        help="with --out: one folder per region (the parts of neo4j-import-files --parts)",
    )
    _as_of(p)

    p = add("import", cmd_import, "import CSV/XLSX files or folders (all-or-nothing)")
    _batched(p)
    _max_file(p)
    p.add_argument(
        "--as", dest="as_user", metavar="LOGIN", default=None,
        help="load on behalf of a registered user: only within their role and area",
    )  # fmt: skip
    p.add_argument("paths", nargs="+")

    p = add(
        "neo4j-import-files",
        cmd_neo4j_import_files,
        "validate files as a first load and write them for neo4j-admin database import full",
    )
    p.add_argument("--out", required=True)
    p.add_argument(
        "--parts",
        action="store_true",
        help="each path (e.g. a region's folder) is validated on its own, in order; "
        "it may refer to the earlier parts (a country in bounded memory)",
    )
    p.add_argument("paths", nargs="+")

    p = add(
        "export",
        cmd_export,
        "export the graph (json is canonical, xlsx re-imports, geojson: boundaries)",
    )
    p.add_argument("--format", choices=["json", "graphml", "xlsx", "geojson"], required=True)
    p.add_argument("--out", required=True)

    p = add("template", cmd_template, "write empty import templates (CSV and XLSX)")
    p.add_argument("--out", required=True)

    p = add("identify", cmd_identify, "identify low, strong and resilient schools")
    p.add_argument("--out", required=True)

    p = add("pair", cmd_pair, "suggest the optimal tutor–mentee pairs")
    p.add_argument("--municipality", action="append", default=[])
    p.add_argument("--capacity", type=int, default=None)
    p.add_argument("--max-km", dest="max_km", type=float, default=None)
    p.add_argument("--max-band-gap", dest="max_band_gap", type=int, default=None)
    p.add_argument("--no-cross-municipality", action="store_true")
    p.add_argument("--out", required=True)
    p.add_argument("--candidates-out", default=None)

    p = add("coverage", cmd_coverage, "network coverage by municipality and in total")
    p.add_argument("--out", required=True)
    _as_of(p)

    add("status", cmd_status, "what is loaded, what is missing and what it switches off")

    from schoolnet.cli_access import add_access_commands

    add_access_commands(add, _store, _parse_date)

    from analysis.choropleth import MEASURES, SCHEMES

    p = add("map", cmd_map, "the coverage map on paper: municipalities shaded by a measure")
    p.add_argument("--measure", choices=list(MEASURES), default="active_pair")
    p.add_argument("--scheme", choices=list(SCHEMES), default="quantiles")
    p.add_argument("--out", required=True, help="FILE.png or FILE.pdf")
    _as_of(p)

    from schoolnet.cli_report import add_report_command

    add_report_command(add, _store, _parse_date)

    p = add("app", cmd_app, "serve the Streamlit app")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument(
        "--address",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only)",
    )
    _max_file(p)
    p.add_argument(
        "--demo",
        choices=["small", "region"],
        default=None,
        help="load this demo region first if the store is empty",
    )
    return parser


def _error_message(exc: BaseException) -> str | None:
    from loaders.importer import ImportFailed
    from queries.base import QueryError
    from services.errors import UserError

    if isinstance(exc, ImportFailed):
        return str(exc)
    if isinstance(exc, StoreError | UserError | QueryError):
        return str(exc)
    if isinstance(exc, FileNotFoundError):
        return t("cli.file_not_found", path=exc.filename or str(exc))
    if isinstance(exc, PermissionError | IsADirectoryError | NotADirectoryError):
        return t("cli.file_error", error=str(exc))
    if isinstance(exc, ValueError):  # pydantic settings and bad values
        return t("cli.bad_value", error=str(exc))
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.db_given = args.db is not None
    if getattr(args, "max_file_mb", None) is not None:
        if args.max_file_mb <= 0:
            parser.error(t("cli.bad_value", error=f"--max-file-mb {args.max_file_mb}"))
        # One setting for this run: the readers and the app's upload limit both read it.
        os.environ["SCHOOLNET_MAX_UPLOAD_MB"] = str(args.max_file_mb)
    if args.db is None:
        args.db = "schoolnet.db"
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("SCHOOLNET_DEBUG"):
            raise
        message = _error_message(exc)
        if message is None:
            print(t("cli.internal_error", error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
            return 2
        print(t("cli.error", message=message), file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
