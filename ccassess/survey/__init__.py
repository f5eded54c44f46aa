"""Putting questions to respondents: the terminal questionnaire and shared presentation.

`present` (choices, labels, matrix rows) is shared with the answer sheets; `session` runs
the terminal questionnaire against a workspace. Nothing heavy is imported here.
"""
