"""Waiting in the browser tests: Dash's own ``dash.testing.wait.until``, with a page re-drawn
under the test (an element gone stale, a script run between two renders) read as "not yet"."""

from __future__ import annotations

from dash.testing.wait import until
from selenium.common.exceptions import JavascriptException, StaleElementReferenceException


def wait_for(predicate, timeout: float = 15.0):
    """``predicate()``'s first true value within ``timeout`` seconds, polled every 0.2 s."""
    def holds():
        try:
            return predicate()
        except (StaleElementReferenceException, JavascriptException):
            return False
    return until(holds, timeout, poll=0.2, msg=f"condition not met within {timeout} s")
