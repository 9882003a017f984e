"""`alongside rules eval|list|params`: the command-line face of the rules engine (rules-api.md).

    alongside rules eval tw.disability_homecare.month --jurisdiction tw.nantou < request.json
    alongside rules list
    alongside rules params tw.disability_homecare --on 2014-06-01 --jurisdiction tw.nantou

eval: exit 0 with the answer; exit 2 with the problem object on standard output for bad input.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TextIO

from alongside.rules import evaluate, jsonio, parameters, questions
from alongside.rules.errors import FieldError, RuleInputError

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def main(argv: list[str], *, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    args = _parser().parse_args(argv)
    try:
        if args.command == "eval":
            result = evaluate(args.question, jsonio.loads(stdin.read()), args.jurisdiction)
        elif args.command == "list":
            result = {"questions": [{"name": q.name, "description": q.description,
                                     "default_jurisdiction": q.default_jurisdiction} for q in questions()]}
            if not args.json:
                stdout.write("".join(f"{q['name']}\t{q['description']}\n" for q in result["questions"]))
                return EXIT_OK
        else:
            result = parameters.in_force(args.program, _date(args.on), args.jurisdiction)
    except RuleInputError as error:
        stdout.write(jsonio.dumps(error.problem(), indent=2) + "\n")
        return EXIT_BAD_INPUT
    stdout.write(jsonio.dumps(result, indent=2) + "\n")
    return EXIT_OK


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise RuleInputError(FieldError("on", "bad_date", "The option --on must be a date YYYY-MM-DD.")) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="alongside rules", description="Answer rules questions (docs/rules.md).")
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("eval", help="answer QUESTION for the JSON request on standard input")
    ask.add_argument("question")
    ask.add_argument("--jurisdiction", default=None, help="for example tw.nantou; default: the question's own")
    listing = commands.add_parser("list", help="every question with a one-line description")
    listing.add_argument("--json", action="store_true", help="print JSON instead of lines")
    params = commands.add_parser("params", help="the parameters of PROGRAM in force on a date")
    params.add_argument("program")
    params.add_argument("--on", required=True, help="YYYY-MM-DD")
    params.add_argument("--jurisdiction", default=None, help="default: the program's national file")
    return parser
