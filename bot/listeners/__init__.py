"""One module per Slack surface, each with `register(app)`; every handler acks first."""
