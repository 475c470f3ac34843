"""Every dataclass that crosses a layer: the thread page taken apart, and the runs around it."""

from archiver.model.activity import Activity, Applicant
from archiver.model.debate import Debate, Stand
from archiver.model.poll import Poll, PollOption
from archiver.model.reward import ReplyReward, Reward, RushTerms
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
from archiver.model.sort import SortOption, ThreadSort
from archiver.model.thread import (
    Attachment,
    Author,
    Comment,
    Moderation,
    Post,
    Quote,
    Rating,
    ReplyCredit,
    TextPost,
    Thread,
    ThreadPage,
)
from archiver.model.trade import Goods

__all__ = [
    "Activity",
    "Applicant",
    "Attachment",
    "Author",
    "BoardPage",
    "BoardRun",
    "BoardThread",
    "Capture",
    "CaptureTally",
    "Comment",
    "Debate",
    "Goods",
    "MediaOffer",
    "Moderation",
    "RecordPlace",
    "SortOption",
    "Stand",
    "Outcome",
    "Page",
    "Poll",
    "PollOption",
    "Post",
    "Quote",
    "Rating",
    "ReplyCredit",
    "ReplyReward",
    "RushTerms",
    "Reward",
    "SaveResult",
    "TextPost",
    "ThreadSort",
    "Thread",
    "ThreadPage",
    "ThreadRun",
]
