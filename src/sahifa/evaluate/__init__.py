"""Scoring automatic annotation against gold: records (the seed's gold) and CoNLL files."""
