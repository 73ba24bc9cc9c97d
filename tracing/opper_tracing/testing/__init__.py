"""The loopback Opper API emulator, now the ``opper_emulator`` package; these names stay here."""

from opper_emulator import *  # noqa: F403
from opper_emulator import __all__ as __all__
