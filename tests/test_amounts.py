"""Reading money amounts typed by a user: every accepted form with its exact value, every
ambiguous or invalid form refused with the words its message and hint must contain."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jamsostek_budget.errors import UsageError
from jamsostek_budget.model.amounts import MAX_AMOUNT, parse_amount


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1500000000", 1_500_000_000),
        ("1_500_000_000", 1_500_000_000),
        ("  1500000000\n", 1_500_000_000),
        ("0", 0),
        # thousands groups: two or more identical separators in groups of three
        ("1.500.000.000", 1_500_000_000),
        ("1,500,000,000", 1_500_000_000),
        ("1.500.000", 1_500_000),
        # currency prefixes and decorations budget documents use
        ("Rp1.500.000.000", 1_500_000_000),
        ("Rp 1.500.000.000", 1_500_000_000),
        ("Rp. 1.500.000.000,-", 1_500_000_000),
        ("rp1500000000", 1_500_000_000),
        ("IDR 1,500,000,000", 1_500_000_000),
        ("1500000 rupiah", 1_500_000),
        # groups plus zero decimals: the last, different separator is the decimal one
        ("Rp1.500.000.000,00", 1_500_000_000),
        ("1,500,000,000.00", 1_500_000_000),
        ("1500.00", 1_500),
        ("1500,0", 1_500),
        # scientific notation
        ("1.5e9", 1_500_000_000),
        ("2E9", 2_000_000_000),
        ("15000e-1", 1_500),
        # English units
        ("750k", 750_000),
        ("750 K", 750_000),
        ("1.5 mn", 1_500_000),
        ("2 million", 2_000_000),
        ("1.5B", 1_500_000_000),
        ("1.5 bn", 1_500_000_000),
        ("2 billion", 2_000_000_000),
        ("1T", 1_000_000_000_000),
        ("1.25 trillion", 1_250_000_000_000),
        # Indonesian words and abbreviations, with or without a space, either decimal mark
        ("12 rb", 12_000),
        ("12 ribu", 12_000),
        ("1.5jt", 1_500_000),
        ("1,5 jt.", 1_500_000),
        ("750 juta", 750_000_000),
        ("750 JUTA", 750_000_000),
        ("1,5 miliar", 1_500_000_000),
        ("Rp1,5 Miliar", 1_500_000_000),
        ("1.5 milyar", 1_500_000_000),
        ("1500 jt", 1_500_000_000),
        ("2 triliun", 2_000_000_000_000),
        ("0,75 miliar", 750_000_000),
        ("0.500 jt", 500_000),  # a leading 0 is never a thousands group: 0.5 juta
    ],
)
def test_accepted_forms(text: str, amount: int) -> None:
    assert parse_amount(text) == amount


@pytest.mark.parametrize(
    ("text", "words", "hint_words"),
    [
        ("1.500", "ambiguous: it could be 1500", "write 1500 without a separator"),
        ("1,500", "or 1.5 (',' as a decimal point)", "refuses to guess"),
        ("1.000", "could be 1000 ('.' grouping thousands) or 1 ", "1.500.000"),
        ("1.500 juta", "could be 1500 juta", "write 1500 juta"),
        ("1,5 M", "'M' is ambiguous", "miliar, milyar, bn or B"),
        ("Rp1,5 M", "Indonesian budget documents write Rp1,5 M", "juta, jt, mn or million"),
        ("1.5m", "'M' is ambiguous", "whole number of Rupiah"),
        ("1.5", "not a whole number of Rupiah", "1,5 juta is 1500000"),
        ("1.500,50", "not a whole number of Rupiah", "whole Rupiah"),
        ("1.2345678jt", "not a whole number of Rupiah", "round the amount"),
        ("1e-5", "not a whole number of Rupiah", ""),
        ("-5", "a budget ceiling cannot be negative", "without a minus sign"),
        ("Rp -1.500.000", "cannot be negative", ""),
        ("\u22125", "cannot be negative", ""),
        ("1.5.0", "groups are not of three digits", "1500000000"),
        ("1,50,00,000", "groups are not of three digits", ""),  # Indian lakh grouping
        ("1,500.000", "mixes '.' and ','", ""),  # a thousands group typed with ',' then '.'?
        ("1.500.000 juta", "at most one decimal separator", ""),
        ("1,5e9", "scientific notation", "1.5e9"),
        ("1500 xyz", "unknown unit 'xyz'", "miliar"),
        ("abc", "not an amount of Rupiah", "1,5 miliar"),
        ("", "no amount given", ""),
        ("1 500 000", "not an amount", ""),
        ("+5", "not an amount", ""),
        ("\uff11\uff12\uff13", "not an amount", ""),  # full-width digits
        ("1e30", "far beyond any APBD", "number of zeros"),
        ("1" * 101, "too long", ""),
    ],
)
def test_refused_forms(text: str, words: str, hint_words: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_amount(text)
    assert words in caught.value.message
    assert hint_words in caught.value.hint


@given(st.integers(min_value=0, max_value=MAX_AMOUNT))
@example(0)
@example(MAX_AMOUNT)
def test_plain_digits_read_back(amount: int) -> None:
    assert parse_amount(str(amount)) == amount


@given(st.integers(min_value=1_000_000, max_value=MAX_AMOUNT), st.sampled_from(".,"))
@example(1_000_000, ".")
@example(1_234_567, ",")
def test_thousands_groups_read_back(amount: int, separator: str) -> None:
    grouped = f"{amount:,}".replace(",", separator)  # two or more groups: 1.234.567
    assert parse_amount(grouped) == amount
    assert parse_amount(f"Rp{grouped}") == amount


@given(st.integers(min_value=0, max_value=MAX_AMOUNT // 1_000_000))
def test_juta_means_a_million(count: int) -> None:
    assert parse_amount(f"{count} juta") == parse_amount(f"{count}jt") == count * 1_000_000


AMOUNT_ALPHABET = st.sampled_from(list("0123456789.,_ -+eEmMkKbBtTjJrRpPiIdDuUaAnN\u2212\u00a0"))


@settings(max_examples=500)
@given(st.one_of(st.text(), st.text(AMOUNT_ALPHABET, max_size=30)))
@example("1e99999999999999999999")
@example("1e-99999999999999999999")
@example("9" * 100 + "e-1")
def test_nothing_but_usage_errors(text: str) -> None:
    try:
        amount = parse_amount(text)
    except UsageError as error:
        assert error.message
    else:
        assert 0 <= amount <= MAX_AMOUNT
