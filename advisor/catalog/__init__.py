"""The model catalog and the facts beside it: models with their prices, licences and lifecycle,
quality from the committed benchmark snapshots, exchange rates, and the offline sync that keeps
prices current.
"""
