"""The terminal questionnaire: a session walks a respondent through the questions.

`session` runs the questionnaire against a workspace and stores every answer as it is
given, `asking` puts one question on the console and checks the answer, `console` holds the
consoles and the texts the questionnaire shows. Nothing heavy is imported here.
"""
