"""Readers and writers at the edge: structured files, spreadsheets, CSV."""
