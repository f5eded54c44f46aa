"""The plugin machinery: the pluggy manager, entry points, what plugins contribute."""
