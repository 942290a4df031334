"""The application object and the async main loop, shared by desktop and browser.

``main()`` is the one entry point: ``python -m game`` calls it on the desktop,
and the web build's ``main.py`` calls ``asyncio.run(main("web"))`` under
pygbag. The loop reads top to bottom: input, update, draw, yield. It yields
to the event loop every frame with ``await asyncio.sleep``, because pygbag
needs that to hand control back to the browser. Nothing on the game path
blocks.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from pathlib import Path

import pygame

from game.content.errors import SimulationError
from game.sim.model import Scenario
from game.ui import theme, web_bridge
from game.ui.announce import Announcer
from game.ui.content_source import (
    ContentSource,
    JsonBundleSource,
    YamlDirectorySource,
    YamlFileSource,
)
from game.ui.i18n import Strings
from game.ui.learning import LearningLibrary
from game.ui.saves import (
    SAVE_NAME,
    BrowserStore,
    FileStore,
    SaveError,
    SaveGame,
    Store,
)
from game.ui.scene import SceneStack
from game.ui.session import GameSession
from game.ui.settings import Settings, load_settings, save_settings
from game.ui.sound import Sound
from game.ui.text import Typesetter

log = logging.getLogger(__name__)

#: Target frame rate on the desktop; the browser paces frames itself.
FRAMES_PER_SECOND = 60
#: Seconds between checks of the scenario file's modification time (--watch).
WATCH_INTERVAL = 1.0
#: Compiled scenarios of the web build: ``content/scenarios.json`` next to
#: ``main.py``, in the folder that contains the ``game`` package.
WEB_SCENARIO_BUNDLE = Path(__file__).resolve().parents[2] / "content" / "scenarios.json"


class App:
    """Everything the scenes share: screen, strings, settings, saves, content.

    Args:
        platform_name: ``desktop`` or ``web``.
        store: Where saves and settings go; by default a file store on the
            desktop and ``localStorage`` in the browser.
        source: Where scenarios come from; by default the ``scenarios``
            folder on the desktop and the compiled JSON bundle in the browser.
        watch: Reload the scenario file when it changes (authoring loop).
        seed: Seed for new games; by default one from the clock.
        lang: Language to use when the settings store none.
    """

    def __init__(
        self,
        platform_name: str = "desktop",
        *,
        store: Store | None = None,
        source: ContentSource | None = None,
        watch: bool = False,
        seed: int | None = None,
        lang: str = "de",
    ):
        self.platform_name = platform_name
        self.web = platform_name == "web"
        pygame.init()
        self.screen = self._open_display()
        self.store = store or (BrowserStore() if self.web else FileStore())
        self.source = source or self._default_source()
        self.watch = watch
        self.fixed_seed = seed
        self.settings: Settings = load_settings(self.store, lang)
        self.strings = Strings(self.settings.lang)
        self.typesetter = Typesetter(self.settings.text_scale)
        self.announcer = Announcer(forward=self.web)
        self.sound = Sound(self.settings.sound)
        self.stack = SceneStack()
        self.running = True
        self.time = 0.0
        #: UI string id and detail of the last save problem, shown on the title.
        self.save_notice: tuple[str, str] | None = None
        #: Lessons, playbooks and the learner's progress, loaded on first use.
        self.learning = LearningLibrary(self)
        self.session: GameSession | None = None
        self._last_watch = 0.0

    # ------------------------------------------------------------ start-up

    def _open_display(self) -> pygame.Surface:
        pygame.display.set_caption("Datenschatz")
        if self.web or os.environ.get("SDL_VIDEODRIVER") == "dummy":
            # The page scales the canvas, so the game never depends on resizes;
            # the dummy driver of tests has no renderer to scale with.
            return pygame.display.set_mode(theme.SCREEN_SIZE)
        try:
            return pygame.display.set_mode(theme.SCREEN_SIZE, pygame.SCALED)
        except pygame.error as error:
            log.info("pygame.SCALED is not available (%s); using a plain window", error)
            return pygame.display.set_mode(theme.SCREEN_SIZE)

    def _default_source(self) -> ContentSource:
        if self.web:
            return JsonBundleSource(WEB_SCENARIO_BUNDLE)
        return YamlDirectorySource()

    def start(self, start_scenario: str | None = None) -> None:
        """Put the first scene on the stack."""
        from game.ui.scenes.briefing import BriefingScene
        from game.ui.scenes.errors import ContentErrorScene
        from game.ui.scenes.title import TitleScene

        if start_scenario is None:
            self.stack.reset(TitleScene(self))
            return
        entry = next((e for e in self.source.entries() if e.id == start_scenario), None)
        if entry is None and len(self.source.entries()) == 1:
            entry = self.source.entries()[0]
        if entry is not None and entry.error is not None:
            self.stack.reset(ContentErrorScene(self, entry))
        elif entry is not None:
            self.stack.reset(BriefingScene(self, entry.scenario))
        else:
            log.warning("Scenario %s not found; showing the title", start_scenario)
            self.stack.reset(TitleScene(self))

    # ------------------------------------------------------------- the loop

    def step(self, dt: float) -> None:
        """Run one frame: input, update, draw."""
        # Input: only the top scene receives events.
        for event in pygame.event.get():
            self.handle_event(event)

        # Update: the authoring loop's file check, then animations.
        self.time += dt
        if self.watch and self.time - self._last_watch >= WATCH_INTERVAL:
            self._last_watch = self.time
            if self.source.poll_changes():
                self.content_changed()
        top = self.stack.top
        if top is not None:
            top.ensure_layout()
            top.update(dt)

        # Draw: the topmost opaque scene and every pop-up above it.
        self.draw(self.screen)

    def draw(self, surface: pygame.Surface) -> None:
        visible = self.stack.visible()
        for index, scene in enumerate(visible):
            scene.ensure_layout()
            scene.ui.active = scene is self.stack.top
            if index > 0:
                shade = pygame.Surface(theme.SCREEN_SIZE, pygame.SRCALPHA)
                shade.fill(theme.SHADE)
                surface.blit(shade, (0, 0))
            scene.draw(surface)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self.sound.unlock()
        if event.type == pygame.QUIT:
            self.request_quit()
            return
        top = self.stack.top
        if top is not None:
            top.handle(event)

    async def run(self, max_frames: int | None = None) -> None:
        """Run frames until the player quits (or ``max_frames`` have run)."""
        frame_time = 1.0 / FRAMES_PER_SECOND
        last = time.perf_counter()
        frames = 0
        while self.running:
            now = time.perf_counter()
            dt, last = min(now - last, 0.25), now

            self.step(dt)
            pygame.display.flip()

            # Yield to the browser or the desktop event loop; the desktop also
            # waits out the rest of the frame without blocking.
            frames += 1
            if max_frames is not None and frames >= max_frames:
                break
            wait = (
                0.0 if self.web else max(0.0, frame_time - (time.perf_counter() - now))
            )
            await asyncio.sleep(wait)

    # ------------------------------------------------------- game services

    def request_quit(self) -> None:
        """Ask before quitting (window close button, menu)."""
        from game.ui.scenes.dialogs import ConfirmScene

        if self.stack.top is not None and self.stack.top.NAME == "confirm_quit":
            # A second request (window closed again, Ctrl+C or SIGTERM, which
            # SDL turns into quit events) quits without asking again.
            self.quit()
            return

        def decided(yes: bool) -> None:
            if yes:
                self.quit()

        self.stack.push(
            ConfirmScene(self, "confirm_quit_question", decided, name="confirm_quit")
        )

    def quit(self) -> None:
        log.info("Quitting")
        self.running = False

    def new_seed(self) -> int:
        if self.fixed_seed is not None:
            return self.fixed_seed
        return int(time.time() * 1000) % (2**31)

    def new_session(self, scenario: Scenario, tutorial: bool = False) -> GameSession:
        self.session = GameSession(scenario, self.new_seed())
        self.session.tutorial = tutorial
        self.autosave(self.session)
        return self.session

    def autosave(self, session: GameSession) -> None:
        """Save the playthrough.

        What-if branches, tutorial games and workshop games are never saved,
        so they cannot replace the player's real game.
        """
        if session.branch_of is not None or session.tutorial or session.workshop:
            return
        save = SaveGame(
            session.scenario.id,
            session.scenario.content_hash,
            session.seed,
            [list(d) for d in session.decision_log],
        )
        try:
            self.store.write_save(save)
        except OSError as error:
            log.error("Autosave of %s failed: %s", session.scenario.id, error)
            self.save_notice = ("save_write_failed", str(error))

    def has_save(self) -> bool:
        try:
            return self.store.has_save()
        except SaveError:
            return True

    def load_autosave(self) -> GameSession | None:
        """Rebuild the saved playthrough by replay; set aside an unusable save."""
        try:
            save = self.store.load_save()
            if save is None:
                return None
            scenario = self.source.scenario(save.scenario_id)
            if scenario is None:
                raise SaveError(
                    "save_unknown_scenario",
                    f"scenario {save.scenario_id!r} is not available",
                )
            if scenario.content_hash != save.content_hash:
                raise SaveError(
                    "save_incompatible",
                    f"scenario {save.scenario_id} changed: content hash "
                    f"{save.content_hash}, now {scenario.content_hash}",
                )
            try:
                session = GameSession(scenario, save.seed, save.decisions)
            except SimulationError as error:
                raise SaveError("save_damaged", f"replay failed: {error}") from error
            if len(session.decision_log) != len(save.decisions):
                raise SaveError(
                    "save_damaged", "the decision log goes past the game's end"
                )
        except SaveError as error:
            self.set_aside_save(error)
            return None
        self.session = session
        log.info("Resumed %s at round %d", scenario.id, session.round)
        return session

    def set_aside_save(self, error: SaveError) -> None:
        log.warning("Save is unusable (%s): %s", error.reason, error.detail)
        try:
            where = self.store.set_aside(SAVE_NAME)
        except OSError as move_error:
            log.error("Could not set aside the unusable save: %s", move_error)
            where = ""
        self.save_notice = (error.reason, where)

    def apply_settings(self) -> None:
        """Apply changed settings everywhere at once and store them."""
        self.strings.set_language(self.settings.lang)
        self.typesetter.set_scale(self.settings.text_scale)
        self.sound.enabled = self.settings.sound
        self.stack.invalidate_all()
        try:
            save_settings(self.store, self.settings)
        except OSError as error:
            log.error("Saving the settings failed: %s", error)

    def content_changed(self) -> None:
        """Show the reloaded scenario, or its problems (authoring loop)."""
        from game.ui.scenes.briefing import BriefingScene
        from game.ui.scenes.errors import ContentErrorScene
        from game.ui.scenes.round import RoundScene

        entry = self.source.entries()[0]
        if entry.error is not None:
            self.stack.reset(ContentErrorScene(self, entry))
            return
        previous = self.session
        if previous is None or previous.round == 0:
            self.stack.reset(BriefingScene(self, entry.scenario))
            return
        # Keep the decisions that the changed scenario still allows.
        session = GameSession(entry.scenario, previous.seed)
        for decisions in previous.decision_log:
            if session.finished:
                break
            try:
                session.simulation.step(decisions)
            except SimulationError as error:
                log.info("Replay stopped after the file change: %s", error)
                break
        self.session = session
        self.stack.reset(RoundScene(self, session))


async def main(
    platform_name: str = "desktop", start_scenario: str | None = None, **options
) -> None:
    """Run the game until the player quits.

    Args:
        platform_name: ``desktop`` or ``web``. The web build calls
            ``asyncio.run(main("web"))``.
        start_scenario: Scenario id (or, on the desktop, a YAML path handled by
            ``python -m game play``) to open at its briefing instead of the
            title.
        options: Passed to :class:`App` (``store``, ``source``, ``watch``,
            ``seed``, ``lang``).
    """
    if platform_name == "web" or web_bridge.is_browser():
        # Console output is slow in the browser.
        logging.getLogger("game").setLevel(logging.WARNING)
        platform_name = "web"
    app = App(platform_name, **options)
    app.start(start_scenario)
    await app.run()
    pygame.quit()


def open_file_source(path: str) -> YamlFileSource:
    """Return a watched source for one scenario file (``play FILE --watch``)."""
    return YamlFileSource(Path(os.path.expanduser(path)))
