"""Values of options read by jbudget itself: a fiscal year (`--year`), a date (`--date`,
`--today`), a range of years (`--years`), a growth a year in percent (`--headcount-growth`,
`--wage-growth`, `--gdp-growth`, `--jp-cap-growth`), an amount of Rupiah (`--budget`, `--cut`)
and a pagu, one amount or one per budget code (`--pagu`)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from jamsostek_budget.errors import UsageError, echo
from jamsostek_budget.i18n import _
from jamsostek_budget.model.ledger import Pagu

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


def parse_rupiah(text: str, flag: str) -> int:
    """An amount written as the scenario files write one (1500000000, 1,5 miliar, 1500jt); a
    refusal names the option it was given to."""
    from jamsostek_budget.model.amounts import parse_amount

    try:
        return parse_amount(text)
    except UsageError as refused:
        raise UsageError(f"{flag} {refused.message}", refused.hint) from None


def parse_pagu(values: list[str] | None, flag: str) -> Pagu | None:
    """`--pagu AMOUNT` once, or `--pagu CODE=AMOUNT` once per budget code (not both)."""
    if not values:
        return None
    coded = [value for value in values if "=" in value]
    if not coded:
        if len(values) > 1:
            raise UsageError(
                _("{flag} is given {count} times without a budget code").format(
                    flag=flag, count=len(values)
                ),
                _("give one pagu for the year, or {flag} CODE=AMOUNT for each budget code").format(
                    flag=flag
                ),
            )
        return Pagu(parse_rupiah(values[0], flag))
    if len(coded) < len(values):
        raise UsageError(
            _("{flag} mixes a pagu for the year with pagu per budget code").format(flag=flag),
            _("give one pagu for the year, or {flag} CODE=AMOUNT for each budget code").format(
                flag=flag
            ),
        )
    by_code: dict[str, int] = {}
    for value in coded:
        code, _sep, amount = (part.strip() for part in value.partition("="))
        if code in by_code:
            raise UsageError(
                _("{flag} gives budget code {code} twice").format(flag=flag, code=echo(code)),
                _("give each budget code its pagu once"),
            )
        by_code[code] = parse_rupiah(amount, f"{flag} {code}=")
    return Pagu.per_code(by_code)


def judged_on(text: str | None) -> date:
    """The --today date, within the years a NIK's birth date can be judged."""
    from jamsostek_budget.roster.nik import JUDGED_FROM, JUDGED_UNTIL

    day = parse_date(text, "--today")
    if not JUDGED_FROM <= day <= JUDGED_UNTIL:
        message = _(
            "--today {day} is outside {first} to {last}: the birth dates in NIKs (DDMMYY) "
            "can only be judged within those years"
        )
        raise UsageError(
            message.format(day=day, first=JUDGED_FROM, last=JUDGED_UNTIL),
            _("give the day the roster is judged on, like 2026-01-01 (without --today: today)"),
        )
    return day
