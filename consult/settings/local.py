"""Local development: debug on, console email, SQLite and the filesystem broker unless overridden."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
