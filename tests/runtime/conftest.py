"""The runtime stack fixture (tests/runtime/cluster.py) for this folder's tests."""

from tests.runtime.cluster import runtime  # noqa: F401 - pytest fixture
