"""`asumisbotti content check|load` and `db upgrade` in the application environment."""

from bot.cli import main


def test_content_check_passes_on_the_repository_files(capsys):
    assert main(["content", "check"]) == 0
    assert "29 answers" in capsys.readouterr().out


def test_content_check_lists_every_source_with_its_check_date(capsys):
    assert main(["content", "check", "--today", "2026-11-26"]) == 0
    out = capsys.readouterr().out
    assert "sources (" in out
    line = next(x for x in out.splitlines() if "https://www.kela.fi/asumistuen-tarkistaminen" in x)
    assert line.split()[0] == "2026-11-26" and "answers.yml/asumistuki" in line


def test_content_check_warns_after_six_months(capsys):
    assert main(["content", "check", "--today", "2027-06-01"]) == 0
    captured = capsys.readouterr()
    assert "content warning: answers.yml/vuokravelka: checked 2026-11-26" in captured.err
    assert "content ok:" in captured.out and "0 stale warnings" not in captured.out


def test_content_check_fails_after_twelve_months(capsys):
    assert main(["content", "check", "--today", "2027-12-01"]) == 1
    captured = capsys.readouterr()
    stale = "content error: services.yml/hyva: checked 2026-11-26, over 12 months ago"
    assert stale in captured.err
    assert "content ok" not in captured.out


def test_content_load_twice_changes_nothing_the_second_time(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert main(["db", "upgrade"]) == 0
    assert main(["content", "load"]) == 0
    first = capsys.readouterr().out
    assert "0 updated" in first and "audit definition updated" in first
    assert main(["content", "load"]) == 0
    second = capsys.readouterr().out
    assert "content loaded: 0 added, 0 updated" in second
    assert "audit definition unchanged" in second


def test_content_load_refuses_broken_files(tmp_path, monkeypatch, capsys):
    import bot.store.content_files as content_files

    broken = tmp_path / "answers.yml"
    broken.write_text("answers:\n  muutto:\n    text: Tee ilmoitus.\n    sources: []\n")
    original = content_files.load_answers
    monkeypatch.setattr(content_files, "load_answers",
                        lambda path=None, known_intents=None: original(broken, known_intents))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    assert main(["content", "load"]) == 1
    assert "nothing loaded" in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()
