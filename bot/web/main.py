"""Creates the FastAPI app: `uvicorn bot.web.main:create_app --factory`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from bot.audit.live import LiveDefinition
from bot.config import Settings
from bot.safety.crisis import default_detector
from bot.services.auth import LoginGuard
from bot.services.button_payloads import choice_payload
from bot.services.content import WebTexts, load_domain_response, load_topic_defaults
from bot.services.shared_rate_limit import make_limiter
from bot.services.topics import default_catalogue
from bot.store import audit_definitions
from bot.store.db import Database, make_engine
from bot.web import audit_routes, chat, health
from bot.web.background import staff_jobs
from bot.web.chat_stats import ChatStats
from bot.web.deps import AppState
from bot.web.errors import install_error_handlers
from bot.web.pages import render
from bot.web.rasa_client import RasaClient
from bot.web.routes import (
    admin_answers,
    admin_audit,
    admin_home,
    admin_inbox,
    admin_services,
    admin_stats,
    portal,
    queue,
    users,
)
from bot.web.routes import auth as auth_routes
from bot.web.routes.deps import StaffState, install_staff_handlers, load_staff_texts
from bot.web.security_headers import SecurityHeaders

STATIC_DIR = Path(__file__).with_name("static")
# `/?tila=ammattilainen` (the staff portal's link): start the audit with the professional mode.
PROFESSIONAL_START = ["/start_audit", choice_payload("kartoitus_tila", "ammattilainen")]


def create_app(
    settings: Settings | None = None, transport: httpx.AsyncBaseTransport | None = None
) -> FastAPI:
    """Build the app; `transport` lets tests stand in for Rasa."""
    settings = settings or Settings.from_env()
    texts = WebTexts.from_file(settings.web_content_path, settings.max_message_chars,
                               settings.tracker_retention_hours)
    database = Database(make_engine(settings.database_url or None))
    staff = StaffState(settings, database, load_staff_texts(settings.staff_content_path),
                       LoginGuard(settings.login_attempts_per_minute))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with httpx.AsyncClient(timeout=settings.rasa_timeout_s, transport=transport) as http:
            app.state.bot = AppState(
                settings=settings,
                rasa=RasaClient(http, settings.rasa_url, settings.actions_url, settings.rasa_token),
                detector=default_detector(),
                crisis_reply=load_domain_response(settings.domain_path, "utter_kriisi"),
                texts=texts,
                limiter=make_limiter(settings),
                topic_defaults=load_topic_defaults(
                    settings.domain_path, list(default_catalogue().titles)
                ),
                db=database,
                audit_definition=LiveDefinition(lambda: audit_definitions.get(db=database)),
            )
            app.state.staff = staff
            app.state.stats = ChatStats.from_domain(database, settings.domain_path)
            async with staff_jobs(staff):
                yield

    app = FastAPI(title="Asumisen Botti", lifespan=lifespan, docs_url=None, redoc_url=None)
    install_error_handlers(app, texts)
    install_staff_handlers(app)

    app.add_middleware(SecurityHeaders)

    @app.get("/", include_in_schema=False)
    async def index() -> HTMLResponse:
        config = {"maxChars": settings.max_message_chars, "texts": texts.script,
                  "professionalStart": PROFESSIONAL_START}
        return render(
            "chat.html",
            max_chars=settings.max_message_chars,
            privacy_note=texts.privacy_note,
            config=config,
        )

    app.include_router(chat.router)
    app.include_router(audit_routes.router)
    app.include_router(health.router)
    for router in (auth_routes.public, auth_routes.account, queue.router, portal.router,
                   users.router, admin_home.router, admin_inbox.router, admin_stats.router,
                   admin_answers.router, admin_services.router, admin_audit.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
