"""One reader per input format; each yields `RawArticle`s or rejects with a reason."""
