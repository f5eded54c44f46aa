"""The importer protocol and the built-in importers: files become validated respondents."""
