"""Sahifa: an annotated corpus of Arabic news and the toolkit that builds it."""

from importlib.metadata import version

__version__ = version("sahifa")
