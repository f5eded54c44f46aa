"""What a user does: validate, import, score, report, rounds.

Use cases that compose the layers below; the CLI calls one of them per command.
"""
