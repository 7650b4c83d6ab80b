"""The conversation with the advisor (Slack threads), one message at a time.

Every message is first classified (`classify`): facts, a correction, a side question, a follow-up
about the current pick, social (hello, help, thanks, cancel, start over) or unrelated, with
abstention when unsure. Only facts and corrections touch the answers, later values winning
(`manager`); follow-ups are answered with this case's numbers (`followups`); the replies are
written in the conversation's language through gettext catalogs (`replies`, `advisor.i18n`).
The faces render the result; they decide nothing.
"""

from .manager import handle

__all__ = ["handle"]
