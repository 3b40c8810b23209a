"""A small per-process copy of recently served entries (an LRU)."""

import threading
from collections import OrderedDict


class LocalCopies:
    """A small per-process copy of recently served entries.

    Only a copy: an entry is served from here only after its tag versions have been checked
    against the shared cache, so an edit made through any server is seen at once. It saves
    fetching (and unpickling) the page body from Redis on every hit.
    """

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def drop(self, key):
        with self.lock:
            self.entries.pop(key, None)
