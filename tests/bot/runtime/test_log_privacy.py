"""A message that fails in Rasa is logged without its text or the sender id next to it."""

from bot.runtime.log_privacy import exception_chain
from tests.rasa_env import run_script

# Rasa's own logging set-up as a service has it (JSON, tracebacks with local variables), then
# the REST channel's failure line, from inside a frame that holds the sender id and the text:
# first with Rasa's logger, then with ours.
SCRIPT = r"""
import io, json, logging, sys
from rasa.utils.log_utils import configure_structlog
captured = io.StringIO()
logging.basicConfig(level=logging.INFO, stream=captured, format="%(message)s")
configure_structlog(logging.INFO)
from rasa.core.channels import rest
from bot.runtime import log_privacy

SENDER, TEXT = "f00dfeed12345678", "mulla on vuokrat rästissä ja pelottaa"

def handle(sender_id, text):
    try:
        {"tracker": sender_id}[text]
    except KeyError as error:
        raise RuntimeError("Error running graph component") from error

def failing_turn(sender_id):
    text = TEXT
    try:
        handle(sender_id, text)
    except Exception:
        rest.structlogger.exception("rest.message.received.failure", text=text)

failing_turn(SENDER)
rest.structlogger.error("rest.message.received.timeout", text=TEXT)
log_privacy.install()
log_privacy.install()
before = captured.getvalue()
captured.truncate(0)
captured.seek(0)
failing_turn(SENDER)
rest.structlogger.error("rest.message.received.timeout", text=TEXT)
rest.structlogger.info("rest.other", value=1)
after = captured.getvalue()
print(json.dumps({"before": before, "after": after}))
"""


def test_a_failed_message_is_logged_without_text_or_values():
    result = run_script(SCRIPT)
    before, after = result["before"], result["after"]
    assert "f00dfeed12345678" in before and "pelottaa" in before  # Rasa's own lines (JSON)
    assert "f00dfeed12345678" not in after and "pelottaa" not in after and "vuokrat" not in after
    assert "rest.message.received.failure" in after and "rest.message.received.timeout" in after
    assert "RuntimeError" in after and "KeyError" in after and "in handle" in after
    assert "rest.other" in after


def test_the_exception_chain_names_types_and_places_only():
    try:
        try:
            raise KeyError("salainen viesti")
        except KeyError as error:
            raise ValueError("toinen salaisuus") from error
    except ValueError as error:
        chain = exception_chain(error)
    assert [entry.split(" ")[0] for entry in chain] == ["ValueError", "KeyError"]
    assert all("salai" not in entry for entry in chain)
    assert "test_log_privacy.py" in chain[0]
    assert exception_chain(None) == []
