"""Placeholder."""


def configured() -> bool:
    return False


def cross_check(text, reading):
    return reading
