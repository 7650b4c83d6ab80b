"""The advisor core: everything the faces show is decided here, and they reach it through
`advisor.api`. The modules in this folder are what every part shares (errors, settings, text,
money, languages, the two contracts, the store, shared wording) and the door itself; each area
is a subpackage, layered as docs/architecture.md shows."""
