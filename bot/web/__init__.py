"""FastAPI web app: the chat page, the `/api/chat` proxy and health checks."""
