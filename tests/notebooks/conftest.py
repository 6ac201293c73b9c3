"""Set up Jupyter for the notebook tests before anything imports it."""

from __future__ import annotations

import os

# jupyter_core warns (a DeprecationWarning, an error under our filterwarnings) unless told to
# use the platformdirs paths it is migrating to; this must happen before it is imported.
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
