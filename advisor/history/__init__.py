"""Stored decisions over time: compared side by side, and re-checked against the current catalog
(the decision watch).
"""
