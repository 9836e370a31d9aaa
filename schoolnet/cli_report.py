"""``schoolnet report``: the twice-yearly monitoring report of the programme (DOCX or XLSX)."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from graph.store import Store
from labels import t
from services.errors import UserError

__all__ = ["add_report_command"]

Handler = Callable[[argparse.Namespace], int]
AddCommand = Callable[[str, Handler, str], argparse.ArgumentParser]
StoreOpener = Callable[[argparse.Namespace], Store]


def add_report_command(
    add: AddCommand, open_store: StoreOpener, parse_date: Callable[[str], dt.date]
) -> None:
    """Register ``report`` with the parser's ``add`` helper."""

    def cmd_report(args: argparse.Namespace) -> int:
        from services import api
        from services.access import command_line_actor

        out = Path(args.out)
        suffix = out.suffix.lower()
        if suffix not in (".docx", ".xlsx"):
            raise UserError(t("cli.report.format", out=args.out))
        with open_store(args) as store:
            view = api.monitoring(
                store, command_line_actor(), as_of=args.as_of, municipality=args.municipality
            )
        data = api.report_docx(view) if suffix == ".docx" else api.report_xlsx(view)
        out.write_bytes(data)
        print(t("cli.report.done", out=args.out, period=view.period))
        return 0

    p = add("report", cmd_report, "the programme monitoring report (DOCX or XLSX)")
    p.add_argument("--as-of", type=parse_date, required=True, help="the report's date")
    p.add_argument("--municipality", default=None, help="one municipality (default: region)")
    p.add_argument("--out", required=True, help="FILE.docx or FILE.xlsx")
