"""The knowledge base and the catalog data, below the core: articles, model cards, the catalog
and benchmark files, the embedder, the Chroma index and retrieval. Imports none of our other
packages."""
