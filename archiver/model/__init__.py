"""Every dataclass that crosses a layer: the thread page taken apart, and the runs around it."""

from archiver.model.poll import Poll, PollOption
from archiver.model.reward import Reward
from archiver.model.runs import (
    BoardPage,
    BoardRun,
    BoardThread,
    Capture,
    CaptureTally,
    MediaOffer,
    Outcome,
    Page,
    RecordPlace,
    SaveResult,
    ThreadRun,
)
from archiver.model.thread import (
    Attachment,
    Author,
    Comment,
    Post,
    Quote,
    Rating,
    TextPost,
    Thread,
    ThreadPage,
)

__all__ = [
    "Attachment",
    "Author",
    "BoardPage",
    "BoardRun",
    "BoardThread",
    "Capture",
    "CaptureTally",
    "Comment",
    "MediaOffer",
    "RecordPlace",
    "Outcome",
    "Page",
    "Poll",
    "PollOption",
    "Post",
    "Quote",
    "Rating",
    "Reward",
    "SaveResult",
    "TextPost",
    "Thread",
    "ThreadPage",
    "ThreadRun",
]
