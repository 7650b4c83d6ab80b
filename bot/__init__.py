"""The Slack bot, a face: Bolt listeners that parse an event, call one `advisor.api` function and
render the result as Block Kit."""
