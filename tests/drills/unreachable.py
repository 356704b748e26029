"""What the Redis drills share: an address that refuses connections, a time bound."""

import time

# A port nothing listens on: connections are refused at once.
DOWN = "redis://127.0.0.1:1/0"
WITHIN_SECONDS = 5


def timed(call):
    """The call's result, asserting that it came back within a few seconds."""
    started = time.monotonic()
    response = call()
    assert time.monotonic() - started < WITHIN_SECONDS
    return response
