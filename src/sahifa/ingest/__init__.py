"""Ingest: raw input to records (readers, layout, normalisation, assembly)."""
