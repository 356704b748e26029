from django.core.cache import cache


def count_in_window(key: str, *, window: int) -> int:
    """Add one to the counter at key and return it; it starts afresh window seconds
    after its first count. Shared by every process, through the cache.
    """
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr: this is the first again
        cache.set(key, 1, timeout=window)
        return 1
