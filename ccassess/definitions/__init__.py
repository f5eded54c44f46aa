"""Module definitions and assessment settings from YAML.

Strict loading, checking with locations, and the cache of validated modules.
"""
