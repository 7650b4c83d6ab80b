"""Text from outside a model, for the model: the knowledge base's search (index build, hybrid
search, quick citations), the user's uploaded files, and the labelled data block passages travel
in.
"""
