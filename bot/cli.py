"""`asumisbotti` command line: NLU measurement (Rasa env) and database/content admin (app env)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from datetime import date
from pathlib import Path

from bot.yaml_files import read_yaml


def _quiet_libraries() -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)


def _load_predictor(model: str | None):  # noqa: ANN202 - Predictor lives in the Rasa env
    from bot.nlu_eval.predictor import Predictor, latest_model

    path = Path(model) if model else latest_model()
    started = time.monotonic()
    predictor = Predictor(path)
    print(f"loaded {path} in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return predictor, path


def cmd_predict(args: argparse.Namespace) -> int:
    """One JSON line per input line, in input order."""
    predictor, _ = _load_predictor(args.model)
    for line in sys.stdin:
        result = predictor.parse(line.rstrip("\r\n"))
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Held-out evaluation with thresholds; exit 1 when a threshold is missed."""
    from bot.nlu_eval.dataset import load_examples
    from bot.nlu_eval.metrics import as_report_dict, evaluate
    from bot.nlu_eval.report import heldout_markdown

    examples = load_examples(Path(args.test))
    predictor, model_path = _load_predictor(args.model)
    results = [predictor.parse(e.text) for e in examples]
    evaluation = evaluate([e.intent for e in examples], [r["intent"] for r in results])
    with_entities = [(e, r) for e, r in zip(examples, results, strict=True) if e.entities]
    entity_hits = sum(
        {(x["entity"], x["value"]) for x in r["entities"]} >= set(e.entities)
        for e, r in with_entities
    )
    entity_accuracy = entity_hits / len(with_entities) if with_entities else None
    misses = [
        f"`{e.text}`: {e.intent} → {r['intent']} ({r['confidence']:.2f})"
        for e, r in zip(examples, results, strict=True)
        if e.intent != r["intent"]
    ]
    report = Path(args.report)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(
        heldout_markdown(evaluation, entity_accuracy, model_path.name, misses), encoding="utf-8"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(as_report_dict(evaluation), indent=1))
    crisis_recall = evaluation.recall_of.get("kriisi", 0.0)
    print(
        f"held-out accuracy {evaluation.accuracy:.3f} (n={evaluation.total}), "
        f"crisis recall {crisis_recall:.3f}, kunta entity accuracy "
        f"{entity_accuracy if entity_accuracy is None else round(entity_accuracy, 3)}; "
        f"report: {report}"
    )
    ok = evaluation.accuracy >= args.min_accuracy and crisis_recall >= args.min_crisis_recall
    if not ok:
        print(
            f"FAILED: thresholds are accuracy >= {args.min_accuracy}, "
            f"crisis recall >= {args.min_crisis_recall}",
            file=sys.stderr,
        )
    return 0 if ok else 1


def cmd_crisis_eval(args: argparse.Namespace) -> int:
    """Crisis recall and false alarms, with the model and with the lexicon alone."""
    from bot.nlu_eval import crisis_eval as ce
    from bot.safety.crisis import default_detector

    cases = ce.load_cases(Path(args.eval))
    lexicon = ce.score(ce.lexicon_outcomes(cases, default_detector()))
    lexicon_ok = lexicon.explicit_recall >= 1.0
    sections = [ce.REPORT_HEADER]
    summary: dict = {"lexicon_only": lexicon.as_dict()}
    ok = lexicon_ok
    if not args.lexicon_only:
        predictor, model_path = _load_predictor(args.model)
        model = ce.score(ce.model_outcomes(cases, predictor.parse_raw))
        ok = ok and ce.passed(model, args.min_recall, args.max_false_alarms)
        summary["model"] = model.as_dict()
        sections.append(ce.section_markdown(f"With the model ({model_path.name})", model))
    sections.append(ce.section_markdown(
        "Lexicon only (web app with Rasa down)", lexicon,
        "Only the explicit positives are required here; the rest need the classifier tiers.",
    ))
    report = Path(args.report)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("\n".join(sections), encoding="utf-8")
    if args.json:
        Path(args.json).write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    for name, result in summary.items():
        print(f"crisis eval ({name}): recall {result['recall']:.3f}, explicit "
              f"{result['explicit_recall']:.3f}, false alarms {result['false_alarm_rate']:.3f}")
    print(f"report: {report}")
    if not ok:
        print("FAILED: crisis recall or false-alarm threshold missed", file=sys.stderr)
    return 0 if ok else 1


def cmd_crossval_report(args: argparse.Namespace) -> int:
    """Turn Rasa's cross-validation output into a Markdown report."""
    from bot.nlu_eval.report import crossval_markdown

    intent_report = json.loads((Path(args.results) / "intent_report.json").read_text())
    markdown = crossval_markdown(intent_report, args.folds)
    Path(args.report).parent.mkdir(parents=True, exist_ok=True)
    Path(args.report).write_text(markdown, encoding="utf-8")
    print(markdown.split("\n\n|")[0])
    return 0


def _domain_intents() -> set[str]:
    from bot.domain_files import load_domain

    domain = load_domain()
    return set(domain["intents"])


def _checked_content():  # noqa: ANN202 - tuple of parsed entries
    from bot.audit.definition import AUDIT_FILE, parse_definition
    from bot.store.content_files import (
        ContentError,
        check_phone_sources,
        load_answers,
        load_services,
    )

    answers = load_answers(known_intents=_domain_intents())
    services = load_services()
    check_phone_sources(answers, services)
    audit = read_yaml(AUDIT_FILE)
    try:
        parse_definition(audit)
    except (ValueError, KeyError) as exc:
        raise ContentError(f"audit.yml: {exc}") from exc
    return answers, services, audit


def cmd_content_check(args: argparse.Namespace) -> int:
    """Validate data/content/ without touching the database; list sources and stale dates."""
    from bot.store.content_files import ContentError, check_dates, source_list

    try:
        answers, services, audit = _checked_content()
    except ContentError as exc:
        print(f"content error: {exc}", file=sys.stderr)
        return 1
    sources = source_list(answers, services)
    print(f"sources ({len(sources)}), oldest check first:")
    for source in sources:
        print(f"  {source.checked}  {source.url}  ({', '.join(source.used_by)})")
    report = check_dates(answers, services, args.today or date.today())
    for line in report.warnings:
        print(f"content warning: {line}", file=sys.stderr)
    for line in report.errors:
        print(f"content error: {line}", file=sys.stderr)
    if report.errors:
        return 1
    print(
        f"content ok: {len(answers)} answers, {len(services)} services, "
        f"{len(audit['questions'])} audit questions, {len(report.warnings)} stale warnings"
    )
    return 0


def cmd_db_upgrade(_args: argparse.Namespace) -> int:
    """Apply Alembic migrations to DATABASE_URL (or the SQLite file under var/)."""
    from bot.config import Settings
    from bot.store.db import Database
    from bot.store.migrate import upgrade

    db = Database.from_settings(Settings.from_env())
    upgrade(db)
    print(f"database at head: {db.engine.url.render_as_string(hide_password=True)}")
    return 0


def cmd_content_load(args: argparse.Namespace) -> int:
    """Migrate, then seed the database from data/content/ (idempotent)."""
    from bot.config import Settings
    from bot.store import audit_definitions
    from bot.store.content_files import ContentError
    from bot.store.db import Database
    from bot.store.loader import load_content
    from bot.store.migrate import upgrade

    try:
        answers, services, audit = _checked_content()
    except ContentError as exc:
        print(f"content error, nothing loaded: {exc}", file=sys.stderr)
        return 1
    db = Database.from_settings(Settings.from_env())
    upgrade(db)
    counts = load_content(db, answers, services, force=args.force)
    audit_blocked = None if args.force else audit_definitions.blocking_edit(db=db, data=audit)
    audit_changed = audit_definitions.create(db=db, data=audit, force=args.force)
    if audit_blocked is not None:
        print(
            f"audit definition skipped: version {audit_blocked} was saved in the admin editor; "
            "--force overwrites it",
            file=sys.stderr,
        )
    for skipped in counts.skipped:
        print(
            f"content skipped: {skipped.kind} {skipped.key} was edited in the content editor "
            f"(version {skipped.number}, {skipped.author}, {skipped.when}); "
            "`asumisbotti content export` writes it to the files, --force overwrites it",
            file=sys.stderr,
        )
    print(
        f"content loaded: {counts.added} added, {counts.updated} updated, "
        f"{counts.unchanged} unchanged, {len(counts.skipped)} skipped; audit definition "
        f"{'updated' if audit_changed else 'unchanged'}"
    )
    return 0


def cmd_content_export(_args: argparse.Namespace) -> int:
    """Write the live answers and services back into data/content/ (review them in git)."""
    from bot.config import Settings
    from bot.store import content_entries
    from bot.store.content_export import export_content
    from bot.store.db import Database

    db = Database.from_settings(Settings.from_env())
    result = export_content(content_entries.answers(db=db), content_entries.services(db=db))
    print(
        f"content exported: answers.yml {len(result.answers_changed)} changed "
        f"{list(result.answers_changed)}, services.yml {len(result.services_changed)} changed "
        f"{list(result.services_changed)}"
    )
    return 0


def _read_new_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    first = getpass.getpass("Salasana / password: ")
    if first != getpass.getpass("Salasana uudelleen / again: "):
        return ""
    return first


def cmd_user_create(args: argparse.Namespace) -> int:
    """Create a staff account; the password is asked (or read from stdin), never defaulted."""
    from bot.config import Settings
    from bot.services.users import create_user
    from bot.store.db import Database
    from bot.store.migrate import upgrade

    password = _read_new_password(args.password_stdin)
    if not password:
        print("passwords did not match or were empty: nothing created", file=sys.stderr)
        return 1
    settings = Settings.from_env()
    db = Database.from_settings(settings)
    upgrade(db)
    problem = create_user(db, email=args.email, password=password, roles=args.role,
                          actor="cli", min_length=settings.min_password_length)
    if problem:
        print(f"user not created: {problem} (passwords need at least "
              f"{settings.min_password_length} characters and must not be common)",
              file=sys.stderr)
        return 1
    print(f"user created: {args.email.strip().lower()} ({', '.join(sorted(set(args.role)))})")
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    """Disable a staff account and end its sessions."""
    from bot.config import Settings
    from bot.services.users import set_active
    from bot.store.db import Database

    db = Database.from_settings(Settings.from_env())
    if not set_active(db, email=args.email, active=False, actor="cli"):
        print(f"no such user: {args.email}", file=sys.stderr)
        return 1
    print(f"user disabled: {args.email.strip().lower()}")
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    """Delete contact requests handled more than N days ago (HANDLED_RETENTION_DAYS)."""
    from bot.config import Settings
    from bot.services.retention import purge
    from bot.store.db import Database

    settings = Settings.from_env()
    days = settings.handled_retention_days if args.days is None else args.days
    removed = purge(Database.from_settings(settings), retention_days=days,
                    idle_minutes=settings.staff_idle_minutes,
                    unanswered_days=settings.unanswered_retention_days,
                    stats_retention_days=settings.stats_retention_days)
    print(f"purged {removed} contact requests handled more than {days} days ago")
    from bot.services.tracker_retention import purge_tracker_url

    hours = settings.tracker_retention_hours if args.hours is None else args.hours
    events = purge_tracker_url(settings.resolved_tracker_db_url(), retention_hours=hours)
    print(f"purged {events} conversation events idle for more than {hours:g} hours")
    return 0


def cmd_runtime_endpoints(args: argparse.Namespace) -> int:
    """Write Rasa's endpoints file from the settings (var/endpoints.yml)."""
    from bot.config import Settings
    from bot.runtime.endpoints import ENDPOINTS_FILE, RuntimeConfigError, write_endpoints

    try:
        path = write_endpoints(Settings.from_env(), Path(args.out or ENDPOINTS_FILE))
    except RuntimeConfigError as exc:
        print(f"runtime error: {exc}", file=sys.stderr)
        return 1
    print(path)
    return 0


def cmd_nlu_export_candidates(args: argparse.Namespace) -> int:
    """Write inbox messages assigned to an intent to data/nlu/candidates.yml (not trained on)."""
    from bot.config import Settings
    from bot.services.inbox_export import write_candidates
    from bot.store.db import Database

    path = Path(args.out)
    written = write_candidates(Database.from_settings(Settings.from_env()), path)
    print(f"wrote {written} candidate examples to {path} (review them; they are not trained on)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of all subcommands."""
    parser = argparse.ArgumentParser(prog="asumisbotti", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    predict = sub.add_parser("predict", help="classify stdin lines, JSON lines to stdout")
    predict.add_argument("--model", help="model archive (default: newest in models/)")
    predict.set_defaults(func=cmd_predict)

    ev = sub.add_parser("eval", help="held-out NLU evaluation with thresholds")
    ev.add_argument("--model")
    ev.add_argument("--test", default="tests/nlu/test_nlu.yml")
    ev.add_argument("--report", default="reports/nlu-heldout.md")
    ev.add_argument("--min-accuracy", type=float, default=0.93)
    ev.add_argument("--min-crisis-recall", type=float, default=1.0)
    ev.add_argument("--json", help="also write the scores as JSON (intent_report shape)")
    ev.set_defaults(func=cmd_eval)

    crisis = sub.add_parser("crisis-eval", help="crisis recall, false alarms and tiers")
    crisis.add_argument("--model")
    crisis.add_argument("--eval", default="tests/nlu/crisis_eval.yml")
    crisis.add_argument("--report", default="reports/crisis-eval.md")
    crisis.add_argument("--json", help="also write the scores as JSON")
    crisis.add_argument("--lexicon-only", action="store_true", help="no model: the web app path")
    crisis.add_argument("--min-recall", type=float, default=1.0)
    crisis.add_argument("--max-false-alarms", type=float, default=0.02)
    crisis.set_defaults(func=cmd_crisis_eval)

    cv = sub.add_parser("crossval-report", help="summarise `rasa test nlu --cross-validation`")
    cv.add_argument("--results", default="reports/crossval")
    cv.add_argument("--folds", type=int, default=5)
    cv.add_argument("--report", default="reports/nlu-crossval.md")
    cv.set_defaults(func=cmd_crossval_report)

    db = sub.add_parser("db", help="database schema (application environment)")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply migrations").set_defaults(func=cmd_db_upgrade)

    nlu = sub.add_parser("nlu", help="NLU data from the admins' inbox (application env)")
    nlu_sub = nlu.add_subparsers(dest="nlu_command", required=True)
    export = nlu_sub.add_parser("export-candidates",
                                help="write assigned inbox messages for a developer to review")
    export.add_argument("--out", default="data/nlu/candidates.yml")
    export.set_defaults(func=cmd_nlu_export_candidates)

    content = sub.add_parser("content", help="content files and database (application env)")
    content_sub = content.add_subparsers(dest="content_command", required=True)
    check = content_sub.add_parser(
        "check", help="validate data/content/, list sources, warn on old check dates"
    )
    check.add_argument(
        "--today", type=date.fromisoformat, help="judge check dates as of this day (YYYY-MM-DD)"
    )
    check.set_defaults(func=cmd_content_check)
    load = content_sub.add_parser("load", help="migrate and seed the database")
    load.add_argument("--force", action="store_true",
                      help="also overwrite entries edited in the content editor since")
    load.set_defaults(func=cmd_content_load)
    content_sub.add_parser(
        "export", help="write the live answers and services back into data/content/"
    ).set_defaults(func=cmd_content_export)

    user = sub.add_parser("user", help="staff accounts (application environment)")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    create = user_sub.add_parser("create", help="create an account; asks for the password")
    create.add_argument("email")
    create.add_argument("--role", action="append", required=True,
                        choices=["admin", "editor", "ammattilainen"],
                        help="repeat for several roles")
    create.add_argument("--password-stdin", action="store_true",
                        help="read the password from the first line of stdin")
    create.set_defaults(func=cmd_user_create)
    disable = user_sub.add_parser("disable", help="disable an account and end its sessions")
    disable.add_argument("email")
    disable.set_defaults(func=cmd_user_disable)

    purge = sub.add_parser(
        "purge", help="delete handled contact requests and idle conversations after retention")
    purge.add_argument("--days", type=int, help="override HANDLED_RETENTION_DAYS")
    purge.add_argument("--hours", type=float, help="override TRACKER_RETENTION_HOURS")
    purge.set_defaults(func=cmd_purge)

    runtime = sub.add_parser("runtime", help="wiring of the services (application environment)")
    runtime_sub = runtime.add_subparsers(dest="runtime_command", required=True)
    ends = runtime_sub.add_parser("endpoints", help="write Rasa's endpoints file from settings")
    ends.add_argument("--out", help="file to write (default var/endpoints.yml)")
    ends.set_defaults(func=cmd_runtime_endpoints)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `asumisbotti` console script."""
    _quiet_libraries()
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
