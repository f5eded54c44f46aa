"""The domain model: questionnaire, answers, settings, maturity levels, the scored result.

Plain data, no I/O.
"""

#: The answer value that means "don't know / not applicable": excluded from scores, counted
#: in coverage as asked but not answered. Every question type shares it, so it is kept apart
#: from the classes (registering the question types must not build them: start-up time).
DONT_KNOW = "dont_know"
