"""Money amounts typed by a user (a budget ceiling on the command line) read as whole Rupiah.

`parse_amount` accepts what budget documents and people write: "1500000000", "1_500_000_000",
"Rp1.500.000.000", "Rp 1.500.000.000,00", "1,5 miliar", "750 juta", "1.5e9", "2 bn". Anything
that could be read two ways is refused with a hint, never guessed: "1.500" (1.5 or 1500?), a bare
"M" (English million, Indonesian miliar), a fraction of a Rupiah, a negative amount.

This module only reads amounts. Writing one ("Rp1.500.000.000") is the renderers' job
(`render.shared.labels.rupiah`); a lower layer must not import from `render`, and a second formatter
here could drift from the one every report uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jamsostek_budget.errors import UsageError
from jamsostek_budget.i18n import _

MAX_AMOUNT = 10**16  # Rp10,000 trillion, about three times Indonesia's national budget
MAX_LENGTH = 100
MINUS = ("-", "\u2212")  # ASCII hyphen-minus and the Unicode minus sign
CURRENCY_WORDS = ("idr", "rupiah")

UNITS: dict[str, int] = {
    "k": 3,
    "rb": 3,
    "ribu": 3,
    "thousand": 3,
    "jt": 6,
    "juta": 6,
    "mn": 6,
    "mio": 6,
    "million": 6,
    "b": 9,
    "bn": 9,
    "billion": 9,
    "miliar": 9,
    "milyar": 9,
    "t": 12,
    "tn": 12,
    "trillion": 12,
    "triliun": 12,
}
FORMS = "1500000000, 1.500.000.000, Rp1.500.000.000, 1,5 miliar, 1.5 bn, 1500 jt, 750 juta, 1.5e9"

_SHAPE = re.compile(
    r"(?P<digits>[0-9][0-9_.,]*)(?P<exponent>e[+-]?[0-9]+)?\s?(?P<unit>[a-z]*)\.?",
    re.ASCII,
)
_PREFIX = re.compile(r"(rp\.?|idr)\s?", re.ASCII)
_GROUPED = r"[0-9]{{1,3}}(?:{sep}[0-9]{{3}})+"  # str.format template: {sep}


@dataclass(frozen=True)
class _Exact:
    """An exact non-negative number as `whole` x 10**`power`."""

    whole: int
    power: int


def parse_amount(text: str) -> int:
    """Whole Rupiah from `text`; a UsageError saying why when it is invalid or ambiguous."""
    shown = " ".join(text.split())
    if not shown:
        raise UsageError(
            _("no amount given"), _("write an amount such as {forms}").format(forms=FORMS)
        )
    if len(shown) > MAX_LENGTH:
        raise UsageError(
            _("'{start}...' is too long to be an amount").format(start=shown[:40]),
            _("for example: {forms}").format(forms=FORMS),
        )
    match = _SHAPE.fullmatch(_strip_decorations(shown.lower(), shown))
    if match is None:
        raise UsageError(
            _("'{amount}' is not an amount of Rupiah").format(amount=shown),
            _("write it like: {forms}").format(forms=FORMS),
        )
    unit = "" if match["unit"] in CURRENCY_WORDS else match["unit"]
    power = _unit_power(unit, shown)
    number = _number(match["digits"], match["exponent"], unit=unit, shown=shown)
    return _whole_rupiah(_Exact(number.whole, number.power + power), shown)


def _strip_decorations(lowered: str, shown: str) -> str:
    """Drop the currency prefix and a trailing ',-' ('Rp1.500.000,-'); refuse a minus sign."""
    prefix = _PREFIX.match(lowered)
    body = lowered[prefix.end() :] if prefix else lowered
    if lowered.startswith(MINUS) or body.startswith(MINUS):
        raise UsageError(
            _("'{amount}' is negative: a budget ceiling cannot be negative").format(amount=shown),
            _("give the amount without a minus sign"),
        )
    return body.removesuffix(",-").strip()


def _unit_power(unit: str, shown: str) -> int:
    if not unit:
        return 0
    if unit == "m":
        raise UsageError(
            _(
                "'{amount}': 'M' is ambiguous: Indonesian budget documents write Rp1,5 M for 1.5 "
                "miliar (billion), English uses M for million"
            ).format(amount=shown),
            _(
                "write miliar, milyar, bn or B for 10^9; juta, jt, mn or million for 10^6; or "
                "the whole number of Rupiah"
            ),
        )
    if unit not in UNITS:
        raise UsageError(
            _("'{amount}': unknown unit '{unit}'").format(amount=shown, unit=unit),
            _("use one of {units}, or the whole number of Rupiah").format(units=", ".join(UNITS)),
        )
    return UNITS[unit]


def _number(digits: str, exponent: str | None, *, unit: str, shown: str) -> _Exact:
    if exponent is not None:
        return _scientific(digits, int(exponent[1:]), shown)
    if "_" in digits:
        return _underscored(digits, shown)
    if not {".", ","} & set(digits):
        return _Exact(int(digits), 0)
    if unit:
        return _decimal(digits, shown, unit=unit)
    return _separated(digits, shown)


def _separated(digits: str, shown: str) -> _Exact:
    """Without a unit, the separators say what they are: groups, decimals, or both."""
    separators = {char for char in digits if char in ".,"}
    if len(separators) == 2:
        return _grouped_with_decimals(digits, shown)
    separator = separators.pop()
    if digits.count(separator) > 1:
        return _grouped(digits, separator, shown)
    return _decimal(digits, shown, unit="")


def _scientific(mantissa: str, exponent: int, shown: str) -> _Exact:
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", mantissa, re.ASCII):
        raise UsageError(
            _(
                "'{amount}': in scientific notation write the number as digits with at most one "
                "decimal point"
            ).format(amount=shown),
            _("for example {example}").format(example="1.5e9"),
        )
    whole, _point, fraction = mantissa.partition(".")
    return _Exact(int(whole + fraction), exponent - len(fraction))


def _underscored(digits: str, shown: str) -> _Exact:
    if not re.fullmatch(r"[0-9]+(_[0-9]+)*", digits, re.ASCII):
        raise UsageError(
            _(
                "'{amount}': underscores may only separate digits, and not mix with '.' or ','"
            ).format(amount=shown),
            _("for example {example}").format(example="1_500_000_000"),
        )
    return _Exact(int(digits.replace("_", "")), 0)


def _grouped(digits: str, separator: str, shown: str) -> _Exact:
    """'1.500.000' or '1,500,000': two or more of one separator can only group thousands."""
    if not re.fullmatch(_GROUPED.format(sep=re.escape(separator)), digits, re.ASCII):
        raise UsageError(
            _(
                "'{amount}': '{separator}' groups thousands here but the groups are not of "
                "three digits"
            ).format(amount=shown, separator=separator),
            _("write the whole number without separators, such as 1500000000"),
        )
    return _Exact(int(digits.replace(separator, "")), 0)


def _decimal(digits: str, shown: str, *, unit: str) -> _Exact:
    """One '.' or ',' as a decimal separator ('1,5 miliar', '1500.00'); ambiguity refused."""
    parts = re.split(r"[.,]", digits)
    if len(parts) != 2 or not all(part.isdigit() for part in parts):
        message = (
            _("'{amount}': before a unit write at most one decimal separator ('.' or ',')")
            if unit
            else _("'{amount}' is not an amount of Rupiah")
        )
        raise UsageError(
            message.format(amount=shown), _("for example: {forms}").format(forms=FORMS)
        )
    whole, fraction = parts
    if len(fraction) == 3 and re.fullmatch(r"[1-9][0-9]{0,2}", whole, re.ASCII):
        raise _ambiguous(whole, fraction, digits[len(whole)], shown, unit=unit)
    return _Exact(int(whole + fraction), -len(fraction))


def _ambiguous(whole: str, fraction: str, separator: str, shown: str, *, unit: str) -> UsageError:
    """'1.500' reads as 1500 in Indonesian and as 1.5 in English."""
    suffix = f" {unit}" if unit else ""
    grouped = f"{whole}{fraction}{suffix}"
    decimal = f"{whole}.{fraction.rstrip('0')}".rstrip(".") + suffix
    hint = (
        _(
            "Indonesian writes 1.500 for 1500 and 1,5 for 1.5, English the reverse, so jbudget "
            "refuses to guess: write {grouped} without a separator"
        )
        if unit
        else _(
            "Indonesian writes 1.500 for 1500 and 1,5 for 1.5, English the reverse, so jbudget "
            "refuses to guess: write {grouped} without a separator, or 1.500.000 with two or "
            "more groups, or 1,5 juta with a unit"
        )
    )
    return UsageError(
        _(
            "'{amount}' is ambiguous: it could be {grouped} ('{separator}' grouping "
            "thousands) or {decimal} ('{separator}' as a decimal point)"
        ).format(amount=shown, grouped=grouped, decimal=decimal, separator=separator),
        hint.format(grouped=grouped),
    )


def _grouped_with_decimals(digits: str, shown: str) -> _Exact:
    """'1.500.000,00' or '1,500,000.00': the last separator is the decimal one.

    Three digits after it ('1,500.000') could be a thousands group typed with the wrong
    separator, so they are refused.
    """
    decimal = max(".,", key=digits.rfind)
    grouping = "," if decimal == "." else "."
    whole, _point, fraction = digits.rpartition(decimal)
    pattern = _GROUPED.format(sep=re.escape(grouping))
    if len(fraction) == 3 or not fraction.isdigit() or not re.fullmatch(pattern, whole, re.ASCII):
        raise UsageError(
            _(
                "'{amount}' mixes '.' and ',' in a way that is not thousands groups and decimals"
            ).format(amount=shown),
            _("write the whole number without separators, such as 1500000000"),
        )
    return _Exact(int(whole.replace(grouping, "") + fraction), -len(fraction))


def _whole_rupiah(number: _Exact, shown: str) -> int:
    if number.whole == 0:
        return 0
    if number.power > len(str(MAX_AMOUNT)):
        raise _too_large(shown)  # checked first, so 10**power stays small
    amount = _divide(number, shown) if number.power < 0 else number.whole * _ten_to(number.power)
    if amount > MAX_AMOUNT:
        raise _too_large(shown)
    return amount


def _divide(number: _Exact, shown: str) -> int:
    # Past 10**MAX_LENGTH no digit string of at most MAX_LENGTH characters divides evenly.
    divisor = _ten_to(min(-number.power, MAX_LENGTH + 1))
    if number.whole % divisor:
        raise UsageError(
            _("'{amount}' is not a whole number of Rupiah").format(amount=shown),
            _(
                "money is counted in whole Rupiah: round the amount, or check the unit "
                "(1,5 juta is 1500000)"
            ),
        )
    return number.whole // divisor


def _ten_to(power: int) -> int:
    result: int = 10**power
    return result


def _too_large(shown: str) -> UsageError:
    return UsageError(
        _("'{amount}' is more than Rp10.000 trillion, far beyond any APBD").format(amount=shown),
        _("check the unit and the number of zeros"),
    )
