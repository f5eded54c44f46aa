"""Change between two rounds, with a 95 % interval, and whether it is beyond noise.

Each round's score carries its own 95 % interval (t interval from its respondents' spread);
the rounds are independent samples, so the change's standard error is the root of the sum
of both squared standard errors, each read back from its interval's half-width / 1.96.
The interval of the change is change ± 1.96 × that error (a normal approximation; with
small n it is slightly narrow, which is why a change also needs both intervals to exist).
A change is *beyond noise* when its interval does not include 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959964


@dataclass(frozen=True)
class Change:
    value: float
    low: float | None = None
    high: float | None = None

    @property
    def beyond_noise(self) -> bool:
        """The interval lies wholly above or below 0 (None: no interval, so not shown)."""
        if self.low is None or self.high is None:
            return False
        return self.low > 0 or self.high < 0


def change(
    now: float | None,
    now_interval: tuple[float | None, float | None],
    before: float | None,
    before_interval: tuple[float | None, float | None],
) -> Change | None:
    """now − before with its 95 % interval; None when either score is missing."""
    if now is None or before is None:
        return None
    value = now - before
    errors = [_error(*now_interval), _error(*before_interval)]
    if any(e is None for e in errors):
        return Change(value)
    spread = Z95 * math.sqrt(sum(e * e for e in errors if e is not None))
    return Change(value, value - spread, value + spread)


def _error(low: float | None, high: float | None) -> float | None:
    if low is None or high is None:
        return None
    return (high - low) / 2 / Z95
