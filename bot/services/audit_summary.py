"""Builds the print-friendly HTML summary of a stored audit (escaped, no templates needed)."""

from __future__ import annotations

from html import escape
from zoneinfo import ZoneInfo

from bot.audit.definition import AuditDefinition
from bot.audit.scoring import DONT_KNOW, SKIPPED
from bot.store.audit_store import StoredAudit
from bot.store.repository import ServiceInfo

HELSINKI = ZoneInfo("Europe/Helsinki")


def _date(moment) -> str:
    local = moment.astimezone(HELSINKI)
    return f"{local.day}.{local.month}.{local.year}"


def _answer_label(definition: AuditDefinition, question_id: str, value, texts: dict) -> str:
    if value in (None, SKIPPED):
        return texts["skipped"]
    if value == DONT_KNOW:
        return texts["dont_know"]
    question = definition.question(question_id)
    ids = [value] if isinstance(value, str) else list(value)
    labels = [o.label for o in question.options if o.id in ids]
    return ", ".join(labels) or texts["skipped"]


def page(title: str, body: str, texts: dict) -> str:
    """The common page frame (Finnish, print CSS, crisis numbers)."""
    return (
        '<!doctype html><html lang="fi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        '<link rel="stylesheet" href="/static/summary.css"></head><body><main>'
        f"{body}"
        f'<p class="crisis">{escape(texts["crisis"])}</p>'
        f'<p class="no-print"><a href="/">{escape(texts["back"])}</a></p>'
        "</main></body></html>"
    )


def message_page(message: str, texts: dict) -> str:
    """Not found, deleted or unavailable."""
    body = f'<h1>{escape(texts["title"])}</h1><p role="status">{escape(message)}</p>'
    return page(texts["title"], body, texts)


def summary_page(
    audit: StoredAudit,
    definition: AuditDefinition,
    services: list[ServiceInfo],
    texts: dict,
) -> str:
    """Date, mode, answers, level, reasons, services; for professionals a notification text."""
    routing = definition.levels[audit.level]
    mode = texts.get(f"mode_{audit.mode}", audit.mode)
    rows = "".join(
        f"<tr><th scope=\"row\">{i}. {escape(q.wording(audit.mode == 'ammattilainen'))}</th>"
        f"<td>{escape(_answer_label(definition, q.id, audit.answers.get(q.id), texts))}</td></tr>"
        for i, q in enumerate(definition.questions, start=1)
    )
    reasons = "".join(f"<li>{escape(r)}</li>" for r in audit.reasons)
    service_items = "".join(
        f"<li><strong>{escape(s.name)}</strong>: {escape(s.helps_with)}"
        f"{' ' + escape(s.phone) if s.phone and s.verified else ''} "
        f'<a href="{escape(s.url)}">{escape(s.url)}</a></li>'
        for s in services
    )
    parts = [
        f"<h1>{escape(texts['title'])}</h1>",
        f"<p>{escape(texts['intro'])}</p>",
        "<dl>",
        f"<dt>{escape(texts['date'])}</dt><dd>{_date(audit.created_at)}</dd>",
        f"<dt>{escape(texts['mode'])}</dt><dd>{escape(mode)}</dd>",
        f"<dt>{escape(texts['municipality'])}</dt><dd>{escape(audit.municipality or '–')}</dd>",
        f"<dt>{escape(texts['level'])}</dt><dd><strong>{escape(routing.title)}</strong>: "
        f"{escape(routing.summary_for(audit.mode == 'ammattilainen'))}</dd>",
        "</dl>",
        f"<h2>{escape(texts['reasons'])}</h2><ul>{reasons}</ul>" if reasons else "",
        f"<h2>{escape(texts['services'])}</h2><ul>{service_items}</ul>" if service_items else "",
        f"<h2>{escape(texts['answers'])}</h2>",
        f"<table><thead><tr><th scope=\"col\">{escape(texts['question'])}</th>"
        f"<th scope=\"col\">{escape(texts['answer'])}</th></tr></thead>",
        f"<tbody>{rows}</tbody></table>",
    ]
    if audit.mode == "ammattilainen":
        consent = audit.professional_consent or "–"
        notification = texts["notification_text"].format(
            date=_date(audit.created_at),
            level=routing.title,
            reasons=" ".join(audit.reasons) or "–",
            consent=consent,
        )
        parts += [
            f"<h2>{escape(texts['professional_consent'])}</h2><p>{escape(consent)}</p>",
            f"<h2>{escape(texts['notification'])}</h2>",
            f'<pre class="notification">{escape(notification)}</pre>',
        ]
    parts += [
        f'<p class="no-print">{escape(texts["expires"].format(date=_date(audit.expires_at)))}</p>',
        f'<form class="no-print" method="post" '
        f'action="/kartoitus/{escape(audit.reference)}/poista">'
        f'<button type="submit">{escape(texts["delete_button"])}</button></form>',
    ]
    return page(texts["title"], "".join(parts), texts)
