"""Housing audit (asumisen kartoitus): questionnaire definition, answer parsing and scoring.

Pure Python without Rasa imports, so the scoring can be tested and reused by the web app.
"""
