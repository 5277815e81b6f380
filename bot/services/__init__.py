"""Application logic with no web or Rasa imports."""
