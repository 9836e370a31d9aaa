"""Commands for users and the audit log: ``schoolnet users …`` and ``schoolnet audit …``.

The command line runs on the server by whoever administers it, so it acts with every right;
the audit log records it as ``cli:<system user>``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from collections.abc import Callable
from pathlib import Path

from graph.access import AccessRole
from graph.store import Store
from labels import t
from services.errors import UserError

__all__ = ["add_access_commands"]

Handler = Callable[[argparse.Namespace], int]
AddCommand = Callable[[str, Handler, str], argparse.ArgumentParser]
StoreOpener = Callable[[argparse.Namespace], Store]


def _password(args: argparse.Namespace) -> str | None:
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\r\n")
    if getattr(args, "password", False):
        first = getpass.getpass("Password: ")
        if getpass.getpass("Password (again): ") != first:
            raise UserError(t("cli.users.passwords_differ"))
        return first
    return None


def add_access_commands(
    add: AddCommand, open_store: StoreOpener, parse_date: Callable[[str], dt.date]
) -> None:
    """Register ``users`` and ``audit`` with the parser's ``add`` helper."""
    from services.access import command_line_actor

    def cmd_users(args: argparse.Namespace) -> int:
        from services import users

        actor = command_line_actor()
        with open_store(args) as store:
            if args.action == "list":
                table = users.list_users(store, actor)
                if table.empty:
                    print(t("cli.users.none"))
                else:
                    print(table.to_string(index=False))
                return 0
            if args.login is None:
                raise UserError(t("cli.users.need_login"))
            if args.action == "add":
                user = users.add_user(
                    store, actor, args.login, args.role or "", args.name or "",
                    args.municipality, args.school, _password(args),
                )
                print(t("cli.users.added", login=user.login, role=t(f"access.role.{user.role}")))
            elif args.action == "set-role":
                user = users.set_role(
                    store, actor, args.login, args.role or "", args.municipality, args.school
                )
                print(t("cli.users.changed", login=user.login, role=t(f"access.role.{user.role}")))
            elif args.action in ("disable", "enable"):
                user = users.disable_user(store, actor, args.login, args.action == "disable")
                print(t(f"cli.users.{args.action}d", login=user.login))
            else:  # password
                password = _password(args) or ""
                user = users.set_password(store, actor, args.login, password)
                print(t("cli.users.password_set", login=user.login))
        return 0

    def cmd_audit(args: argparse.Namespace) -> int:
        from services.audit import verify_audit, write_audit

        actor = command_line_actor()
        with open_store(args) as store:
            if args.action == "verify":
                check = verify_audit(store, actor)
                print(check.message, file=sys.stdout if check.ok else sys.stderr)
                return 0 if check.ok else 1
            if not args.out:
                raise UserError(t("cli.audit.need_out"))
            n = write_audit(store, actor, Path(args.out), args.since)
            print(t("cli.audit.written", n=n, out=args.out))
        return 0

    p = add("users", cmd_users, "manage users, roles and scopes (add|list|set-role|disable)")
    p.add_argument(
        "action", choices=["add", "list", "set-role", "disable", "enable", "password"]
    )
    p.add_argument("login", nargs="?", default=None)
    p.add_argument("--role", choices=[role.value for role in AccessRole])
    p.add_argument("--name", default=None, help="full name shown in the app")
    p.add_argument("--municipality", action="append", default=[], help="coordinator's scope")
    p.add_argument("--school", action="append", default=[], help="curator's school (id)")
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--password", action="store_true", help="built-in account: ask for a password"
    )
    group.add_argument(
        "--password-stdin", action="store_true", help="built-in account: read it from stdin"
    )

    p = add("audit", cmd_audit, "check the change log (verify) or write it out (--out FILE)")
    p.add_argument("action", nargs="?", choices=["verify", "export"], default="export")
    p.add_argument("--since", type=parse_date, default=None, help="entries from this date")
    p.add_argument("--out", default=None, help="CSV or XLSX file")
