"""The `alliantie` console script: Django's management commands with this project's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliantie.settings")
    if not os.environ.get("SECRET_KEY") and not os.environ.get("DATABASE_URL"):
        # No production settings: the embedded default, as `make run` uses it (SQLite in ALLIANTIE_DATA_DIR,
        # ~/.local/share/alliantie unless set), so every command in the README works as written.
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["alliantie", *sys.argv[1:]])


if __name__ == "__main__":
    main()
