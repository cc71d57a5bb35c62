import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "tools"))  # conformance.py: the comparison rules


@pytest.fixture(scope="session")
def root():
    return ROOT
