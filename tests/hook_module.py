"""Loading one of our MkDocs hooks as a module, the way MkDocs loads it."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from conftest import ROOT


def load_hook(name: str) -> ModuleType:
    """hooks/<name>.py, with its folder on sys.path (as MkDocs has it, for `_i18n`)."""
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        spec = importlib.util.spec_from_file_location(name, ROOT / "hooks" / f"{name}.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "hooks"))
