"""Pieces of the app that pages put together: each draws what the core returns and decides
nothing (a page is the layout of its components and the calls to `advisor.api`)."""
