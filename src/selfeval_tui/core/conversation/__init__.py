"""The conversation engine: what to ask next, how to read replies, and the session that saves them."""

from selfeval_tui.core.conversation.engine import Conversation
from selfeval_tui.core.conversation.session import Session, Turn
from selfeval_tui.core.conversation.steps import Mode, QuickReply, Snapshot, Step
from selfeval_tui.core.conversation.texts import Message

__all__ = ["Conversation", "Message", "Mode", "QuickReply", "Session", "Snapshot", "Step", "Turn"]
