"""The draw's random numbers: SHA-256 of the seed and a block counter, so that anyone with the
seed gets the same numbers in any language and any Python version (``random`` promises no such
thing for shuffles)."""

from hashlib import sha256

_BITS = 64
_SPAN = 1 << _BITS


class Stream:
    def __init__(self, seed: bytes):
        self._seed = seed
        self._block = 0
        self._waiting: list[int] = []

    def _next(self) -> int:
        """The next 64-bit number: block ``n`` is SHA-256(seed ‖ n as 8 bytes, big-endian), read
        as four big-endian 64-bit numbers in order."""
        if not self._waiting:
            digest = sha256(self._seed + self._block.to_bytes(8, "big")).digest()
            self._block += 1
            self._waiting = [int.from_bytes(digest[k : k + 8], "big") for k in (24, 16, 8, 0)]
        return self._waiting.pop()

    def below(self, n: int) -> int:
        """A number in ``range(n)``, every one equally likely (a number past the last whole
        multiple of ``n`` is drawn again)."""
        if n <= 0:
            raise ValueError("n must be positive")
        limit = _SPAN - _SPAN % n
        while True:
            x = self._next()
            if x < limit:
                return x % n

    def shuffled(self, items) -> list:
        """Fisher–Yates from the end: position ``i`` swaps with ``below(i + 1)``."""
        out = list(items)
        for i in range(len(out) - 1, 0, -1):
            j = self.below(i + 1)
            out[i], out[j] = out[j], out[i]
        return out
