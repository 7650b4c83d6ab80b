"""`python -m advisor`: the `llm-advisor` command line."""

from .cli.main import cli

cli()
