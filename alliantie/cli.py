"""The `alliantie` console script: Django's management commands with this project's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliantie.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["alliantie", *sys.argv[1:]])


if __name__ == "__main__":
    main()
