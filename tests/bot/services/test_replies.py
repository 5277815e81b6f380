"""Turning Rasa output into widget messages, and the crisis-first guarantee."""

from bot.safety.crisis import default_detector
from bot.services.content import Reply
from bot.services.replies import crisis_first, replies_from_rasa

CRISIS = Reply(text="Soita 112.")


def test_only_text_and_complete_buttons_survive():
    payload = [
        {
            "text": " Hei ",
            "buttons": [{"title": "A", "payload": "/a"}, {"title": "B"}],
            "custom": {"x": 1},
        },
        {"image": "x.png"},
    ]
    assert replies_from_rasa(payload) == [Reply(text="Hei", buttons=(("A", "/a"),))]


def test_crisis_reply_goes_first_and_only_once():
    replies = [Reply(text="Muuta"), CRISIS]
    assert crisis_first("haluan kuolla", replies, default_detector(), CRISIS) == [
        CRISIS,
        Reply("Muuta"),
    ]


def test_non_crisis_messages_are_untouched():
    replies = [Reply(text="Muuta")]
    assert crisis_first("asumistuki", replies, default_detector(), CRISIS) == replies
