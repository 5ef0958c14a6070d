import os
import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the SQLite database to PATH while the site "
        "runs, using SQLite's online backup. For PostgreSQL use pg_dump."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file to write, e.g. insight.sqlite3")
        parser.add_argument("--database", default="default")

    def handle(self, path, database, **options):
        connection = connections[database]
        if connection.vendor != "sqlite":
            raise CommandError(
                f"The database is {connection.display_name}, not SQLite. Back it "
                "up with pg_dump instead (see the README, Running in production)."
            )
        if connection.is_in_memory_db():
            raise CommandError("The database is in memory: there is no file to copy.")
        source_path = Path(connection.settings_dict["NAME"]).resolve()
        target = Path(path).resolve()
        if target == source_path:
            raise CommandError("Write the copy somewhere other than the database.")
        if not target.parent.is_dir():
            raise CommandError(f"There is no folder {target.parent}.")

        # Written beside the target, then renamed: a copy is whole or absent.
        partial = target.with_name(f".{target.name}.partial")
        partial.unlink(missing_ok=True)
        source = sqlite3.connect(source_path, timeout=20)
        try:
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)  # one step: a snapshot, writers carry on
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
                [result] = copy.execute("PRAGMA integrity_check").fetchone()
            finally:
                copy.close()
        finally:
            source.close()
        if result != "ok":
            partial.unlink()
            raise CommandError(f"The copy failed its integrity check: {result}")
        os.replace(partial, target)
        self.stdout.write(f"Copied {source_path} to {target}.")
