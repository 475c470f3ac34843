"""Both scripts of a Chinese search term: 烟花 also finds 煙花, and 發表於 also 发表于.

An archive holds forums of both scripts (Hong Kong and Taiwan sites run Discuz!'s Traditional
builds), and readers type the script they know. OpenCC's character and phrase tables convert
(the de facto standard; Apache-2.0): simplified to traditional (general, Hong Kong, Taiwan) and
back. Its vocabulary tables (软件 to 軟體) are not used: they change words, not scripts.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

_CONFIGS = ("t2s", "s2t", "s2hk", "s2tw")


@lru_cache(maxsize=1)
def _converters() -> tuple[Callable[[str], str], ...]:
    """Loaded on the first search that needs them (about 0.1 s), then kept."""
    import opencc  # here, not at the top: only a search loads its tables

    return tuple(opencc.OpenCC(config).convert for config in _CONFIGS)


def spellings(term: str) -> list[str]:
    """The term as typed first, then its other spellings in either script, each once."""
    if all(ord(char) < 0x2E80 for char in term):  # no CJK: nothing to convert
        return [term]
    found = dict.fromkeys([term])
    for convert in _converters():
        found.setdefault(convert(term))
    return list(found)
