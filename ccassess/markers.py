"""The pluggy markers. Kept apart so `import ccassess` stays light for the CLI."""

from __future__ import annotations

import pluggy

hookimpl = pluggy.HookimplMarker("ccassess")
