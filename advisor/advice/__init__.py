"""The advice itself: `service.advise` validates, recommends, cites and saves; the recommender
picks a model and an approach from the catalog with the rules beside it (approach, cost,
devices, pipelines, residency, price levers, expert warnings).
"""
