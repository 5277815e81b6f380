"""Safety net: deterministic crisis detection shared by Rasa and the web app."""
