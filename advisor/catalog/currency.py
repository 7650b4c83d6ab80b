"""Money stated in other currencies, as US dollars: the one place the exchange rates live.

Budgets are compared with catalog prices in USD, so a budget in kronor or euros is converted at a
dated reference rate, and the answer says which rate it used. Update RATES_AS_OF and the rates
together.
"""

from __future__ import annotations

# The ECB's euro foreign exchange reference rates of 2024-12-31 (units of each currency per EUR):
# USD 1.0389, SEK 11.4590, NOK 11.7950, DKK 7.4578, GBP 0.82918. They were entered by hand, not
# copied from the ECB's file, and a search on 2026-12-02 for a dated 2026 ECB (or Riksbank) rate
# found none that could be checked (only forecasts and undated blog figures), so they stay, and
# the answer says how old and how unverified they are rather than passing them off as current.
RATES_SOURCE = "ECB euro foreign exchange reference rates"
RATES_AS_OF = "2024-12-31"
RATES_CAVEAT = (
    "entered by hand, not re-checked against the ECB; no verified 2026 rate was found, and "
    "today's rate may differ by several percent"
)
_PER_EUR = {
    "USD": 1.0389,
    "EUR": 1.0,
    "SEK": 11.4590,
    "NOK": 11.7950,
    "DKK": 7.4578,
    "GBP": 0.82918,
}
USD_PER_UNIT = {code: _PER_EUR["USD"] / per_eur for code, per_eur in _PER_EUR.items()}


def to_usd(amount: float, currency: str) -> float:
    """`amount` of `currency` (ISO 4217 code) in US dollars; KeyError for an unknown currency."""
    return amount * USD_PER_UNIT[currency.upper()]


def conversion_note(amount: float, currency: str) -> str:
    """How an amount was converted, with the rate, its date and its source."""
    usd = to_usd(amount, currency)
    rate = USD_PER_UNIT[currency.upper()]
    return (
        f"{amount:,.0f} {currency} is about ${usd:,.2f} at 1 {currency} = {rate:.4f} USD "
        f"({RATES_SOURCE} of {RATES_AS_OF}, {RATES_CAVEAT})"
    )
