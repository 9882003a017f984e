"""The `alongside` command.

`alongside rules ...` answers rules questions without Django (see docs/rules.md);
every other sub-command is a Django management command (`alongside demo`, `alongside migrate`).
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["rules"]:
        from alongside.rules.cli import main as rules_main

        return rules_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["alongside", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
