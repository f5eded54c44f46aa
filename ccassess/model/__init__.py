"""The domain model: questionnaire, answers, settings, maturity levels, the scored result.

Plain data, no I/O.
"""
