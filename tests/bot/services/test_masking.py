"""Phone numbers, e-mail addresses and identity codes are masked; ordinary numbers are not."""

from __future__ import annotations

import pytest

from bot.services.masking import EMAIL_MASK, HETU_MASK, PHONE_MASK, mask_personal_data


@pytest.mark.parametrize("phone", [
    "040 123 4567", "0401234567", "040-1234567", "+358401234567", "+358 40 123 4567",
    "+358 (0)40 123 4567", "00358 40 1234567", "09-123 456", "09 123 456", "(09) 123 456",
    "019 12345", "0800 12345", "050 765 43 21", "045-678 9012",
])
def test_finnish_phone_numbers_are_masked(phone):
    masked = mask_personal_data(f"soita mulle {phone} kiitos")
    assert masked == f"soita mulle {PHONE_MASK} kiitos"


def test_phone_glued_to_a_word_and_at_sentence_end_is_masked():
    assert mask_personal_data("puh0401234567") == f"puh{PHONE_MASK}"
    assert mask_personal_data("numero on 09-123 456.") == f"numero on {PHONE_MASK}."
    assert mask_personal_data("nro:0451234567, soita") == f"nro:{PHONE_MASK}, soita"


def test_two_numbers_in_a_row_leave_no_digits():
    masked = mask_personal_data("040 1234567 tai 050 7654321 040 111 2222")
    assert not any(c.isdigit() for c in masked)


def test_a_long_digit_run_without_leading_zero_is_masked():
    assert mask_personal_data("asiakasnro 12345678") == f"asiakasnro {PHONE_MASK}"


@pytest.mark.parametrize("email", [
    "matti.meikalainen@gmail.com", "Liisa_V+asunto@keusote.fi", "a-b@posti.example.org",
    "matti @ hotmail.com", "matti(at)gmail.com", "MATTI[AT]GMAIL.COM",
])
def test_email_addresses_are_masked(email):
    assert mask_personal_data(f"laita viesti {email} kiitos") == f"laita viesti {EMAIL_MASK} kiitos"


@pytest.mark.parametrize("hetu", [
    "131052-308T",   # 1900s with '-'
    "131052-308t",   # typed in lower case
    "010594Y9021",   # the 2023 new 1900s signs Y, X, W, V, U
    "020395X123H", "030496W1234", "040597V123J", "050698U123K",
    "010105A9876",   # 2000s with 'A' and the new signs B-F
    "020304B123X", "111111C111A", "121212D1234", "010120E987N", "150623F123P",
    "101099+123C",   # 1800s
    "131052 - 308T",  # spaces around the sign
    "311299-999Y",   # wrong check character is still masked
])
def test_identity_codes_with_every_century_sign_are_masked(hetu):
    assert mask_personal_data(f"mun hetu on {hetu}.") == f"mun hetu on {HETU_MASK}."


def test_everything_in_one_message_is_masked_and_the_rest_kept():
    text = ("Moi, oon Matti (131052-308T), mulla on vuokrarästejä. "
            "Soittakaa 040 123 4567 tai laittakaa matti@example.com")
    assert mask_personal_data(text) == (
        f"Moi, oon Matti ({HETU_MASK}), mulla on vuokrarästejä. "
        f"Soittakaa {PHONE_MASK} tai laittakaa {EMAIL_MASK}"
    )


@pytest.mark.parametrize("text", [
    "vuokra on 650 e ja takuuvuokra 1950 €",
    "häätö 10.05.2026 klo 08-16",
    "asuin siellä 2019-2024",
    "postinumero 04400 Järvenpää",
    "velkaa 12 000 euroa, 3 lasta",
    "asuntoja on 0 vapaana",
    "tammikuussa 01/2026",
    "kerrostalo A 12, rappu B",
])
def test_ordinary_numbers_are_not_masked(text):
    assert mask_personal_data(text) == text


def test_short_emergency_number_stays_but_a_full_number_goes():
    masked = mask_personal_data("soitin 112 ja sitten numeroon 09 2525 0111")
    assert masked == f"soitin 112 ja sitten numeroon {PHONE_MASK}"


def test_date_like_six_digits_without_a_sign_is_not_an_identity_code():
    assert mask_personal_data("sopimus 131052 alkaen") == "sopimus 131052 alkaen"


def test_masking_is_idempotent():
    once = mask_personal_data("040 123 4567, 131052-308T, a@b.fi")
    assert mask_personal_data(once) == once
