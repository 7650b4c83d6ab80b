"""Running models: one prompt, up to three side by side, eval sets and the run log; and the starter
project that runs a stored decision outside the app.
"""
