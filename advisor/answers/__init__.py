"""Answers to questions about the knowledge base: the kind of answer a question asks for,
extractive answers from whole passages or answers a model writes from them, always with
citations.
"""
