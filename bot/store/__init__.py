"""Database storage of the application: content, service directory, contact requests."""
