"""The NIKs of the batches of a roster looked at so far, for the batches below them: is a row the
first of its NIK (roster.checks reads a large CSV in batches, see roster.read)."""

from __future__ import annotations

import polars as pl

from jamsostek_budget.roster.columns import KEY

BLOOM_BITS = 26  # of the positions of `Seen`'s bits
FIRST_OF_KEY = "_jbudget_first_of_key"  # no row above holds the row's KEY


class Seen:
    """The KEYs of the batches looked at so far: a Bloom filter (two bits of 2**BLOOM_BITS per
    key, 8 MiB) tells at once that most keys were not seen; the few it may have seen (about 1
    in 15 at ten million keys, and every repeated one) are looked for in the keys seen, kept
    sorted in a few runs (8 bytes a key)."""

    def __init__(self) -> None:
        self.bits = pl.Series(dtype=pl.Boolean)
        self.batches: list[pl.Series] = []
        self.pending: pl.Series | None = None  # the last batch's keys, kept when one comes

    def first_of_key(self, keys: pl.Series) -> pl.Series:
        """FIRST_OF_KEY of each of `keys` (a batch's, in line order; True for a null KEY), and
        the batch's keys seen from now on (a roster read at once costs no more than this)."""
        first = keys.is_null() | keys.is_first_distinct()
        if self.pending is not None:
            self._keep(self.pending.drop_nulls())
        self.pending = keys
        if self.batches:
            high, low = bit_positions(keys)
            maybe = self.bits.gather(high) & self.bits.gather(low) & keys.is_not_null()
            first = first & ~self._seen(keys, maybe)
        return first.alias(FIRST_OF_KEY)

    def _keep(self, known: pl.Series) -> None:
        """Keep a batch's keys: their bits, and sorted, merged with the last run kept while
        that is not longer (as a binary counter: a few runs to look in, each key merged a few
        times)."""
        if known.is_empty():
            return
        if self.bits.is_empty():
            self.bits = pl.repeat(False, 1 << BLOOM_BITS, dtype=pl.Boolean, eager=True)
        self.bits.scatter(pl.concat(bit_positions(known)), True)
        known = known.sort()
        while self.batches and self.batches[-1].len() <= known.len():
            below = self.batches.pop().to_frame(KEY)
            known = below.merge_sorted(known.to_frame(KEY), key=KEY).get_column(KEY).rechunk()
        self.batches.append(known)

    def _seen(self, keys: pl.Series, maybe: pl.Series) -> pl.Series:
        """Whether each key where `maybe` is among the keys seen (False elsewhere)."""
        where = maybe.arg_true()
        if where.is_empty():
            return maybe
        probes = keys.gather(where)
        found = pl.repeat(False, probes.len(), dtype=pl.Boolean, eager=True)
        for known in self.batches:
            at = known.search_sorted(probes).clip(upper_bound=known.len() - 1)
            found = found | (known.gather(at) == probes)
        return pl.repeat(False, keys.len(), dtype=pl.Boolean, eager=True).scatter(
            where.filter(found), True
        )


def bit_positions(keys: pl.Series) -> tuple[pl.Series, pl.Series]:
    """Two bits of `Seen` for each key: the top and bottom BLOOM_BITS of its hash."""
    hashed = keys.hash(seed=0)
    return hashed // (1 << (64 - BLOOM_BITS)), hashed % (1 << BLOOM_BITS)
