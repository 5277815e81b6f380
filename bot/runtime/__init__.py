"""Runtime wiring of the services: Rasa's endpoints, tracker retention, local Redis/PostgreSQL."""
