"""The `llm-advisor` command line, a face like the app and the bot: it reaches the core only
through `advisor.api`. `main` holds the group; each other module adds the commands of one area.
"""


def __getattr__(name: str):
    if name == "cli":  # a console script installed before the move imports this
        from .main import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
