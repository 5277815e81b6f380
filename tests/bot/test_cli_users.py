"""`asumisbotti user create|disable` and `asumisbotti purge`."""

from __future__ import annotations

import io
from datetime import timedelta

from sqlalchemy import update

from bot.cli import main
from bot.store import users
from bot.store.models import ContactRequest, utc_now
from tests.staff import add_request, fresh_db, log_actions


def test_user_create_reads_the_password_from_stdin(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setattr("sys.stdin", io.StringIO("Kaksi-kuuta-ja-kolme-kettua\n"))
    code = main(["user", "create", "Eka@Keusote.example", "--role", "admin", "--role",
                 "ammattilainen", "--password-stdin"])
    assert code == 0 and "user created: eka@keusote.example" in capsys.readouterr().out
    db = fresh_db(url)
    with db.session() as session:
        user = users.get_by_email(session=session, email="eka@keusote.example")
        assert user.roles == ["admin", "ammattilainen"] and user.password_hash.startswith("$argon2")
    assert ("cli", "user_created", "eka@keusote.example", "admin,ammattilainen") in log_actions(db)


def test_user_create_refuses_a_common_password(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setattr("sys.stdin", io.StringIO("salasana12345\n"))
    assert main(["user", "create", "a@keusote.example", "--role", "admin",
                 "--password-stdin"]) == 1
    assert "common" in capsys.readouterr().err


def test_user_disable(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setattr("sys.stdin", io.StringIO("Kaksi-kuuta-ja-kolme-kettua\n"))
    main(["user", "create", "a@keusote.example", "--role", "admin", "--password-stdin"])
    assert main(["user", "disable", "a@keusote.example"]) == 0
    assert main(["user", "disable", "nobody@keusote.example"]) == 1
    with fresh_db(url).session() as session:
        assert users.get_by_email(session=session, email="a@keusote.example").active is False


def test_purge_command(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    db = fresh_db(url)
    code = add_request(db)
    with db.session() as session:
        session.execute(update(ContactRequest).where(ContactRequest.reference == code).values(
            status="hoidettu", handled_at=utc_now() - timedelta(days=8)))
    assert main(["purge"]) == 0 and "purged 0" in capsys.readouterr().out
    assert main(["purge", "--days", "7"]) == 0 and "purged 1" in capsys.readouterr().out
