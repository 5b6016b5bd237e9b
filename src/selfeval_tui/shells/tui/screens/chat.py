"""The chat screen: transcript, composer, outline and descriptors around one ``Session``.

Every reply goes to ``Session.handle`` in a thread worker, because it commits
to SQLite before returning. Until it returns, the reply stays in the composer
(``Composer.busy``; dimmed if the save is slow); keys, pastes and quick replies that arrive meanwhile
are queued by the composer and played back in order once the next question is
shown, so replies typed ahead are each their own reply. Only then does the reply
move into the transcript, marked "saved" once the store has committed it; a
failed save leaves it in the composer, next to the error, so Enter tries again
(what was queued behind it follows it). The whole result is drawn as one frame (``batch_update``),
which keeps the bytes sent per answer small over SSH.

Outline jumps, overview jumps and quick replies are sent as the same plain text
the engine understands ("/jump 2.4", "yes"), so there is exactly one path from
the keyboard to the store.

Above the live conversation, the transcript scrolls back through the evaluation's
record as it stood when the screen opened (``conversation.record``). Only
the list of its chunks is read on opening; each chunk is built when the reader
scrolls up to it, so a finished evaluation opens as fast as a new one.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.events import Resize
from textual.message import Message as TextualMessage
from textual.widget import AwaitMount
from textual.widgets import Footer, Header, Input, Static

from selfeval_tui.bank import Level
from selfeval_tui.conversation import Message, Session, Snapshot, Step, Turn
from selfeval_tui.conversation.record import (
    record_messages,
    record_sections,
    record_title,
)
from selfeval_tui.domain.inert import inert
from selfeval_tui.services.actor import Right
from selfeval_tui.shells.tui.messages import EvaluationChanged
from selfeval_tui.shells.tui.progress import ElementProgress, evaluation_progress
from selfeval_tui.shells.tui.screens.base import Page
from selfeval_tui.shells.tui.shown import shown
from selfeval_tui.shells.tui.widgets.composer import Composer, QuickReplies
from selfeval_tui.shells.tui.widgets.descriptors import Descriptors
from selfeval_tui.shells.tui.widgets.transcript import Earlier, Transcript

if TYPE_CHECKING:
    from selfeval_tui.shells.tui.app import SelfEvalApp
    from selfeval_tui.shells.tui.widgets.outline import Outline

QUICK_KEYS = "12345"
PLACEHOLDER = "Type your reply, or /help"
READING_PLACEHOLDER = "Read only: /summary, /show, /why, /jump 2.4, /help"
READING_WITH_NOTES = "Read only: /note TEXT on an answered question; /summary, /show, /why, /help"
OUTLINE_MIN_WIDTH = 100
"""Narrower than this, the outline starts hidden (F2 shows it): the transcript needs the width more."""


GATEWAY_EXPORT = (
    "Over SSH, exports are saved on your own machine: quit, then run for example"
    " ssh selfeval@SERVER export report --format pdf > report.pdf (ssh selfeval@SERVER help lists the kinds)."
)
"""What F6 says through the SSH gateway, where the app may not write files on the server."""


class ChatScreen(Page[None]):
    """Its styles (chat.tcss) are loaded by the app, with its own (see ``SelfEvalApp.CSS_PATH``)."""

    class ReplyHandled(TextualMessage):
        """The reply worker's result: the turn, and the outline's progress for it."""

        def __init__(self, text: str, turn: Turn, progress: Mapping[str, ElementProgress] | None) -> None:
            """``progress`` is None while the outline is hidden: nothing shows it, so it is worked out when it is."""
            super().__init__()
            self.text, self.turn, self.progress = text, turn, progress

    class ReplyFailed(TextualMessage):
        """The reply worker raised something other than a StoreError (the session reports those itself)."""

        def __init__(self, error: Exception) -> None:
            super().__init__()
            self.error = error

    class CaughtUp(TextualMessage):
        """What the store holds now that another session has committed, read in a thread.

        ``replies`` is how many replies had been sent when the read began: a
        reply sent since makes the read stale (older than the turn shown).
        """

        def __init__(self, replies: int, snapshot: Snapshot, progress: Mapping[str, ElementProgress]) -> None:
            super().__init__()
            self.replies, self.snapshot, self.progress = replies, snapshot, progress

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "f2",
            "toggle_outline",
            "Outline",
            id="outline",
            tooltip="Show the outline and move to it (Enter there jumps), or hide it",
        ),
        Binding(
            "f3",
            "toggle_descriptors",
            "Levels",
            id="descriptors",
            tooltip="Show or hide the current element's four descriptors",
        ),
        Binding(
            "f4",
            "overview",
            "Overview",
            id="overview",
            tooltip="The overview grid: every element's rating and development focus",
        ),
        Binding(
            "f5",
            "outcomes",
            "Outcomes",
            id="outcomes",
            show=False,  # at 80 columns the footer has no room left for it without pushing out f1 Help
            tooltip="The key outcomes: targets, termly values, progress and trend",
        ),
        Binding("f6", "export", "Export", id="export", tooltip="Write the evaluation as a board paper or data file"),
        Binding(
            "f7",
            "plan",
            "Actions",
            id="plan",
            show=False,  # as f5: no room in the footer at 80 columns; in the help and the palette
            tooltip="The action plan: each development focus item's actions, owners, dates and status",
        ),
        Binding(
            "f12",
            "sign_off",
            "Sign-off",
            id="sign-off",
            show=False,  # as f5: no room in the footer at 80 columns; in the help
            tooltip="Submit the evaluation, sign it off (a chair or admin; it is then locked) or reopen it",
        ),
        Binding(
            "f8",
            "history",
            "History",
            id="history",
            show=False,  # as f5 and f7: in the help and the palette
            tooltip="The partnership across years: each element's rating every year, and the key outcomes' trend",
        ),
        Binding("pageup", "scroll_transcript(-1)", "Scroll back", id="scroll-back", show=False),
        Binding("pagedown", "scroll_transcript(1)", "Scroll forward", id="scroll-forward", show=False),
        *(
            Binding(
                f"alt+{key}",
                f"quick_reply('{key}')",
                f"Quick reply {key}",
                id=f"quick-reply-{key}",
                show=False,
                priority=True,
            )
            for key in QUICK_KEYS
        ),
    ]

    def __init__(self, session: Session, partnership: str) -> None:
        super().__init__()
        self.session = session
        self.sub_title = inert(f"{partnership} {session.evaluation.year}")
        self.step: Step | None = None
        # Synchronous on purpose: the first question is what startup is for. One read of the stored
        # answers gives it, the outline's progress and the record, so the outline and the quick
        # replies are built with their first contents instead of being rebuilt just after mounting.
        self._first = session.start()
        self._progress_source: Snapshot = self._first.snapshot
        self._progress: Mapping[str, ElementProgress] | None = None
        self.outline: Outline | None = None  # built just after the first question is painted
        self._current_element: str | None = None
        self._outline_chosen = False  # once F2 has shown or hidden it, the width no longer decides
        self._replying = False  # a reply's worker owns the session until its result is shown
        self._replies = 0  # replies sent so far, to tell a catch-up read before the latest one
        self._behind = False  # another session committed meanwhile: catch up once the reply is shown
        self._previous_levels: Mapping[str, Level] | None = None  # last year's ratings, read when the overview first opens

    def compose_page(self) -> ComposeResult:
        self._outline_for_width(self.app.size.width)  # before the first frame, so nothing moves after it
        yield Header()
        with Horizontal(id="body"):
            yield Container(id="outline-slot")  # the outline goes in once the question is painted
            yield Transcript(id="transcript")
            yield Descriptors(id="descriptors")
        reading = self.session.reading_only
        if reading is not None:
            # Said once above the reply box for as long as the screen is open, not only in the transcript.
            yield Static(shown(reading), id="read-only")
        yield QuickReplies(self._first.question, id="quick")
        yield Composer(id="composer", placeholder=self._placeholder(self._first.question), compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.set_class(self.session.reading_only is not None, "-reading")  # no quick replies: nothing to answer
        framework, snapshot = self.session.framework, self._first.snapshot
        self.query_one(Transcript).show_earlier(
            Earlier(
                record_sections(framework, snapshot),
                partial(record_title, framework),
                partial(record_messages, framework, snapshot),
            )
        )
        self._show(self._first, None)
        self.set_focus(self.query_one(Composer))  # now, not on a later turn: keys typed at startup go here
        self.call_after_refresh(self._mount_outline)

    def on_resize(self, event: Resize) -> None:
        self._outline_for_width(event.size.width)

    def _outline_for_width(self, width: int) -> None:
        if not self._outline_chosen:
            self.set_class(width < OUTLINE_MIN_WIDTH, "-no-outline")
            self._outline_up_to_date()

    @property
    def progress(self) -> Mapping[str, ElementProgress]:
        """Each element's progress as of the last turn, for the outline: worked out when it is first wanted.

        Judging all 21 elements was a third of a reply's time in the worker; while the outline
        is hidden (below 100 columns, until F2) nothing shows it, so it waits until then.
        """
        if self._progress is None:
            self._progress = self._progress_of(self._progress_source)
        return self._progress

    def _outline_shown(self) -> bool:
        return self.outline is not None and not self.has_class("-no-outline")

    def _outline_up_to_date(self) -> None:
        """On showing the outline: the progress of the answers saved while it was hidden."""
        if self.outline is not None and self._outline_shown():
            self.outline.update_progress(self.progress)

    def _mount_outline(self) -> AwaitMount | None:
        """Just after the first question is painted: a navigation aid need not delay the question.

        Drawing the tree is the largest part of the chat screen's first frame. Its slot
        holds its width meanwhile, so the transcript never rewraps. (Textual's ``Lazy``
        does the same, but raises if the app is quit before it gets to mount.) Returns
        what to await for it to be mounted, or None when it already is or the app is closing.
        """
        from selfeval_tui.shells.tui.widgets.outline import Outline

        slot = self.query_one("#outline-slot", Container)
        if self.outline is not None or not slot.is_attached:
            return None
        self.outline = Outline(self.session.framework, self.progress, id="outline")
        self.outline.show_current(self._current_element)
        return slot.mount(self.outline)

    # ----- sending -------------------------------------------------------------

    def send(self, text: str) -> None:
        """A whole reply from elsewhere (outline, overview, outcomes): through the composer, after what is typed."""
        self.query_one(Composer).post_message(Composer.Reply(text))

    def _save(self, text: str) -> None:
        """Hand the reply the composer now holds to the session in a thread."""
        self._replying = True
        self._replies += 1
        self.run_worker(lambda: self._handle(text), thread=True, exit_on_error=False)

    def _handle(self, text: str) -> None:
        """Runs in the worker thread: the save, then the progress the outline shows for it (if it is shown), posted back."""
        try:
            turn = self.session.handle(text)
            progress = self._progress_of(turn.snapshot) if self._outline_shown() else None
        except Exception as exc:  # noqa: BLE001 - shown in the transcript, the reply kept to send again
            self.post_message(self.ReplyFailed(exc))
        else:
            self.post_message(self.ReplyHandled(text, turn, progress))

    def _progress_of(self, stored: Snapshot) -> Mapping[str, ElementProgress]:
        """From the answers the turn was chosen from: no second read of the database."""
        return evaluation_progress(
            self.session.framework, stored.answers, stored.judgements, self.session.conversation.mode, stored.judged
        )

    @on(ReplyFailed)
    def _reply_failed(self, event: ReplyFailed) -> None:
        composer = self.query_one(Composer)
        with self.app.batch_update():
            self.query_one(Transcript).add_message(
                Message(
                    "error",
                    f"Not saved: something went wrong ({event.error}). Press Enter to try again."
                    + self._queued_note(composer),
                )
            )
            composer.not_saved()
            self._ready()
        self._reply_over()

    @on(ReplyHandled)
    def _reply_handled(self, event: ReplyHandled) -> None:
        """One frame for the whole result: the reply moves into the transcript only once it is saved."""
        composer = self.query_one(Composer)
        text, turn, progress = event.text, event.turn, event.progress
        with self.app.batch_update():
            if not turn.failed:  # a failed reply stays in the composer, to send again
                self.query_one(Transcript).add_user(text, "saved" if turn.saved else None)
            self._show(turn, progress)
            if turn.failed:
                if composer.waiting:
                    self.query_one(Transcript).add_message(Message("notice", self._queued_note(composer).strip()))
                composer.not_saved()
            else:
                composer.saved()
        self._reply_over()

    def _reply_over(self) -> None:
        self._replying = False
        if self._behind:
            self._behind = False
            self._catch_up()

    # ----- live updates from other sessions -------------------------------------

    def on_evaluation_changed(self, event: EvaluationChanged) -> None:
        """Another session committed: if it concerns this evaluation, re-read it, off the screen's thread."""
        evaluation = self.session.evaluation
        concerning = event.changes.concerning(evaluation.partnership_id, evaluation.id)
        if "workshop" in concerning.kinds:
            cast("SelfEvalApp", self.app).offer_workshop(evaluation.id)
        if concerning:
            self._catch_up()

    def _catch_up(self) -> None:
        if self._replying:
            self._behind = True  # the turn being handled reads the store afresh; this follows it
            return
        replies = self._replies
        self.run_worker(lambda: self._read_now(replies), thread=True, exclusive=True, group="catch-up", exit_on_error=False)

    def _read_now(self, replies: int) -> None:
        """In the worker thread: the stored state and the outline's progress from it, nothing else."""
        snapshot = self.session.snapshot()
        self.post_message(self.CaughtUp(replies, snapshot, self._progress_of(snapshot)))  # an open overview shows it too

    @on(CaughtUp)
    def _caught_up(self, event: CaughtUp) -> None:
        """Redraw the outline and the overview, and say what others changed of what this session showed.

        The composer is not touched: what the user is typing stays as it is.
        If a reply started meanwhile, its turn tells the same news; catch up after it,
        from a fresh read (this one would take the user's own new answer for someone else's).
        """
        if self._replying:
            self._behind = True
            return
        if event.replies != self._replies:  # read before a reply whose turn is already shown: read again
            self._catch_up()
            return
        # Imported here, as in action_overview: start-up does not load the overview.
        from selfeval_tui.shells.tui.screens.overview import OverviewScreen

        news = self.session.catch_up(event.snapshot)
        with self.app.batch_update():
            transcript = self.query_one(Transcript)
            for message in news:
                transcript.add_message(message)
            self._progress_source, self._progress = event.snapshot, event.progress
            if self.outline is not None:
                self.outline.update_progress(event.progress)
            for screen in self.app.screen_stack:
                if isinstance(screen, OverviewScreen):
                    screen.progress = event.progress
            if news:
                transcript.action_scroll_end()

    @staticmethod
    def _queued_note(composer: Composer) -> str:
        return " What you typed after it follows once it is sent." if composer.waiting else ""

    def _show(self, turn: Turn, progress: Mapping[str, ElementProgress] | None) -> None:
        transcript = self.query_one(Transcript)
        for message in turn.messages:
            transcript.add_message(message)
        if turn.finished:
            self.app.exit()
            return
        self.step = step = turn.question
        if step is not None:
            transcript.add_question(step, turn.hints)
        self.query_one(QuickReplies).show(step)
        composer = self.query_one(Composer)
        composer.show(step)
        composer.placeholder = self._placeholder(step)
        self._progress_source, self._progress = turn.snapshot, progress
        element = step.element if step is not None else None  # None in the membership and outcomes sections
        self._current_element = element.id if element is not None else None
        if self.outline is not None:
            self._outline_up_to_date()
            self.outline.show_current(self._current_element)
        self.query_one(Descriptors).show(element, step.level if step is not None else None)
        transcript.action_scroll_end()  # the new question is always in view, even after PgUp
        self._ready()

    def _placeholder(self, step: Step | None) -> str:
        """What the reply box invites: the question's kind of answer, or, for a reader, the commands that read."""
        if self.session.reading_only is not None:
            return READING_WITH_NOTES if Right.NOTE in self.session.rights else READING_PLACEHOLDER
        return step.handler.placeholder if step is not None else PLACEHOLDER

    def _ready(self) -> None:
        self.query_one(Composer).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A reader has no quick replies (alt+1..5): there is nothing for them to answer."""
        if action == "quick_reply":
            return self.session.reading_only is None
        return True

    # ----- the ways to reply ---------------------------------------------------

    @on(Input.Submitted, "#composer")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save(event.value)

    @on(QuickReplies.Chosen)
    def _quick_button(self, event: QuickReplies.Chosen) -> None:
        self.action_quick_reply(event.reply.key)

    def action_quick_reply(self, key: str) -> None:
        """Through the composer's queue: after the keys typed before it, read against the question it answers."""
        self.query_one(Composer).post_message(Composer.Quick(key))

    def on_outline_jump(self, event: Outline.Jump) -> None:
        self.jump(event.element_id)

    def jump(self, element_id: str) -> None:
        self.send(f"/jump {element_id}")

    # ----- panels and other screens ------------------------------------------

    async def action_toggle_outline(self) -> None:
        """Hidden: show it and move there. Shown: move there. Already there: hide it and go back to the reply box."""
        if self.outline is None and (mounting := self._mount_outline()) is not None:
            await mounting  # f2 pressed before the outline's own turn, just after the first paint
        outline = self.outline
        if outline is None:
            return
        self._outline_chosen = True
        if self.has_class("-no-outline") or not outline.has_focus:
            self.remove_class("-no-outline")
            self._outline_up_to_date()
            if not self.has_class("-wide"):
                self.remove_class("-descriptors")  # below 120 columns the two panels take turns
            outline.focus()
        else:
            self.add_class("-no-outline")
            self.query_one(Composer).focus()

    def action_toggle_descriptors(self) -> None:
        self.toggle_class("-descriptors")

    def action_scroll_transcript(self, direction: int) -> None:
        """From the reply box too: back through the session and, above it, the evaluation's record."""
        transcript = self.query_one(Transcript)
        if direction < 0:
            transcript.scroll_back()
        else:
            transcript.scroll_forward()

    def action_overview(self) -> None:
        from selfeval_tui.shells.tui.screens.overview import OverviewScreen

        def jump_to(element_id: str | None) -> None:
            if element_id:
                self.jump(element_id)

        stored = self.session.snapshot()  # read again: a change may be committed but not yet polled
        self.app.push_screen(OverviewScreen(self.session.framework, self._progress_of(stored), self._last_year()), jump_to)

    def _last_year(self) -> Mapping[str, Level]:
        """Last year's ratings for the overview's profile: read once, as an earlier year does not change meanwhile."""
        if self._previous_levels is None:
            session = self.session
            view = session.services.evaluation_view(session.actor, session.framework, session.evaluation)
            self._previous_levels = view.previous_levels
        return self._previous_levels

    def action_outcomes(self) -> None:
        from selfeval_tui.shells.tui.screens.outcomes import OutcomesScreen

        def enter_values(wanted: bool | None) -> None:
            if wanted:
                self.send("/outcomes")  # the conversation asks each outcome's next term value

        self.app.push_screen(OutcomesScreen(self.session), enter_values)

    def action_plan(self) -> None:
        from selfeval_tui.shells.tui.screens.plan import PlanScreen

        today = cast("SelfEvalApp", self.app).workbench.today
        self.app.push_screen(PlanScreen(self.session, self.session.actor, today))

    def action_sign_off(self) -> None:
        from selfeval_tui.shells.tui.screens.signoff import SignOffScreen

        today = cast("SelfEvalApp", self.app).workbench.today
        self.app.push_screen(SignOffScreen(self.session, today), self._notice)

    def _notice(self, line: str | None) -> None:
        """A line a screen dismissed with ("Wrote ...", "2026/27: Signed off ..."), into the transcript."""
        if line:
            self.query_one(Transcript).add_message(Message("notice", line))
    def action_history(self) -> None:
        from selfeval_tui.shells.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.session))

    def action_export(self) -> None:
        """Only for someone who may export here (not a partner): the others are told why, in one line."""
        from selfeval_tui.shells.tui.screens.export import ExportScreen

        if Right.EXPORT not in self.session.rights:
            self.query_one(Transcript).add_message(Message("notice", "Your role here does not allow exporting."))
            return
        if not cast("SelfEvalApp", self.app).workbench.writes_files:
            self.query_one(Transcript).add_message(Message("notice", GATEWAY_EXPORT))
            return
        self.app.push_screen(ExportScreen(self.session), self._notice)
