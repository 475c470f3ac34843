"""Per-site login cookies kept in a file only its owner can read; never logged or stored."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from archiver.errors import InputError


def auth_path() -> Path:
    """Where `discuz-archiver auth` keeps cookies: $DISCUZ_ARCHIVER_AUTH or the config dir."""
    override = os.environ.get("DISCUZ_ARCHIVER_AUTH")
    if override:
        return Path(override)
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "discuz-archiver" / "auth.json"


def load_auth(path: Path) -> dict[str, str]:
    """Site -> cookie header; refuses a file that others can read."""
    if not path.exists():
        return {}
    if os.name == "posix" and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise InputError(
            "the cookie store is readable by others; run chmod 600 on it", source=str(path)
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise InputError("the cookie store is not valid JSON; delete it and log in again",
                         source=str(path)) from None  # fmt: skip
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def save_auth(path: Path, site: str, cookie: str) -> None:
    """Store one site's cookie header, creating the file with mode 600."""
    entries = load_auth(path)
    entries[site] = cookie
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(entries, handle, ensure_ascii=False, indent=1)
    os.chmod(path, 0o600)


def remove_auth(path: Path, site: str) -> bool:
    """Forget one site's cookie; False when none was stored."""
    entries = load_auth(path)
    if entries.pop(site, None) is None:
        return False
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(entries, handle, ensure_ascii=False, indent=1)
    return True
