"""Questionnaires as files people fill in.

Answer sheets (xlsx, CSV) and XLSForms for online survey tools.
"""
