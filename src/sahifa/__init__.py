"""Sahifa: an annotated corpus of Arabic news and the toolkit that builds it."""
