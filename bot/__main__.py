"""`python -m bot`: what `llm-advisor bot` runs. Any failure is one line on stderr, never a
traceback, with the same exit codes as the CLI."""

from __future__ import annotations

import argparse
import sys

from advisor import api


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="llm-advisor bot", description=__doc__)
    parser.add_argument("--http", action="store_true")
    parser.add_argument("--port", type=int, default=3000)
    parser.add_argument("--host", default="0.0.0.0")
    args = parser.parse_args(argv)
    try:
        from .app import run

        run(http=args.http, port=args.port, host=args.host)
    except api.AdvisorError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
