"""`ccassess serve`: the questionnaire in the browser, for workshops and company-wide surveys.

The app (`app.py`) serves a respondent's pages (`respond.py`; one dimension per page, built
through the question-type interface in `questionnaire.py`) and the consultant's overview
(`admin.py`); `security.py` holds the headers, limits and CSRF tokens, `invite.py` makes
invitation links, their CSV and the QR-code PDF, `server.py` runs uvicorn. See docs/serve.md.
"""
