"""Values of options read by jbudget itself: a fiscal year (`--year`), a date (`--date`,
`--today`), a range of years (`--years`) and a growth a year in percent (`--headcount-growth`,
`--wage-growth`, `--gdp-growth`, `--jp-cap-growth`)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from jamsostek_budget.errors import UsageError, echo
from jamsostek_budget.i18n import _

MAX_PERCENT_DECIMALS = 6  # a growth a year is known to a hundredth of a percent at best
YEAR_RANGE = re.compile(r"^\s*(\d{4})\s*(?:(?:-|\.\.|:)\s*(\d{4}))?\s*$")


def parse_years(text: str) -> list[int]:
    """'2026-2030' (also 2026..2030, 2026:2030) or a single year -> the years, in order."""
    match = YEAR_RANGE.match(text)
    if not match:
        raise UsageError(
            _("--years {value} is not a range of years").format(value=echo(text)),
            _("write {example}").format(example="2026-2030"),
        )
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    if last < first:
        raise UsageError(
            _("--years {value} is reversed").format(value=echo(text)),
            _("write {example}").format(example=f"{last}-{first}"),
        )
    if not 2000 <= first <= last <= 2100:
        raise UsageError(
            _("--years {value} is outside 2000-2100").format(value=echo(text)),
            _("write {example}").format(example="2026-2030"),
        )
    return list(range(first, last + 1))


def parse_percent(text: str | None, flag: str) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.strip().rstrip("%").replace(",", "."))
    except InvalidOperation:
        raise UsageError(
            _("{flag} {value} is not a percentage").format(flag=flag, value=echo(text)),
            _("write {example}").format(example=f"{flag} 3.5"),
        ) from None
    if not value.is_finite() or not -100 <= value <= 1000:
        raise UsageError(
            _("{flag} {value} must be between -100 and 1000 percent").format(
                flag=flag, value=echo(text)
            ),
            _("write {example}").format(example=f"{flag} 3.5"),
        )
    exponent = value.as_tuple().exponent  # an int: the value is finite
    if isinstance(exponent, int) and exponent < -MAX_PERCENT_DECIMALS:  # 1e-999: 1,000 digits
        raise UsageError(
            _("{flag} {value} has more than {count} decimals").format(
                flag=flag, value=echo(text), count=MAX_PERCENT_DECIMALS
            ),
            _("write {example}").format(example=f"{flag} 3.5"),
        )
    return value


def parse_year(text: str | None) -> int | None:
    """The fiscal year given to --year (None when none was given)."""
    if text is None:
        return None
    from jamsostek_budget.app.estimate import fiscal_year_of

    year = fiscal_year_of(text)
    if year is not None:
        return year
    raise UsageError(
        _("--year {text} is not a fiscal year from 2000 to 2100").format(text=echo(text)),
        _("write the year in four digits, like 2026"),
    )


def parse_date(text: str | None, option: str) -> date:
    """The date given to `option` (today when none was given)."""
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            _("{option} {text} is not a date").format(option=option, text=echo(text)),
            _("write it as YYYY-MM-DD, like 2026-03-01"),
        ) from None


MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


def parse_month(text: str | None, flag: str) -> tuple[int, int] | None:
    """'2025-10' -> (2025, 10), for the months of `jbudget revise` (`--from`,
    `--realized-through`)."""
    if text is None:
        return None
    match = MONTH.match(text)
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise UsageError(
            _("{flag} {value} is not a month").format(flag=flag, value=echo(text)),
            _("write {example}").format(example=f"{flag} 2025-10"),
        )
    return int(match.group(1)), int(match.group(2))
