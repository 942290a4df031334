"""A small seeded random generator with a fully specified algorithm.

Python's ``random`` module is stable in practice, but its seeding and
methods such as ``shuffle`` have changed between versions. SplitMix64
(Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
OOPSLA 2014) is a few integer operations, so the same seed gives the same
numbers on every machine and Python version, native and WebAssembly alike.
"""

from __future__ import annotations

_MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_UNIT = 1.0 / (1 << 53)


class SplitMix64:
    """Deterministic generator; ``state`` is a plain int, so copies are cheap."""

    __slots__ = ("state",)

    def __init__(self, seed: int):
        self.state = seed & _MASK

    def next_u64(self) -> int:
        self.state = (self.state + _GOLDEN) & _MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def random(self) -> float:
        """Return a float in [0, 1) with 53 random bits."""
        # Inlined next_u64: this runs once per event and round in batch runs.
        state = (self.state + _GOLDEN) & _MASK
        self.state = state
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return ((z ^ (z >> 31)) >> 11) * _UNIT

    def below(self, n: int) -> int:
        """Return an int in [0, n); the tiny modulo bias does not matter here."""
        return self.next_u64() % n

    def shuffle(self, items: list) -> None:
        """Shuffle ``items`` in place (Fisher-Yates)."""
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]

    def copy(self) -> SplitMix64:
        return SplitMix64(self.state)


def derive_seed(seed: int, stream: str) -> int:
    """Return an independent seed for a named stream, such as a policy's."""
    value = seed & _MASK
    for byte in stream.encode("utf-8"):
        value = ((value ^ byte) * 0x100000001B3) & _MASK
    return SplitMix64(value).next_u64()
