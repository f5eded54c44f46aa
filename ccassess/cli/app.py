"""The click group and its shared state (lazily loaded plugins)."""

from __future__ import annotations

import atexit
import errno
import gc
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn

import click

from ccassess import __version__
from ccassess.catalogs import N_, _, language_from_environment, using_language
from ccassess.cli.language import LazyMessage, teach_click, translate_help
from ccassess.terminal import echo

# before the decorators below: click's `_` runs when an option is defined (--version's help),
# and the standard library's gettext would search the system's locale folders for it
teach_click()

if TYPE_CHECKING:
    from ccassess.errors import PluginError
    from ccassess.plugin.manager import PluginFailure
    from ccassess.plugin.registry import Registry

#: The exit status of a command that went on without a broken plugin (--skip-broken-plugins):
#: it did its work, but not all of it (docs/plugins/api.md).
SKIPPED_PLUGIN_EXIT = 3


class Attempts:
    """What one run of a command hands to the next when it ran again without a broken
    plugin: the plugins skipped so far, the warnings already printed, the last `State`."""

    def __init__(self) -> None:
        self.skipped: list[PluginFailure] = []
        self.printed: set[str] = set()
        self.state: State | None = None
        #: The command was given `--format json`: errors go out as JSON (cli/machine.py).
        self.json_errors = False

    def skip(self, error: PluginError) -> bool:
        """Whether the command may run again without the plugin `error` names (with
        --skip-broken-plugins, a plugin not yet skipped, not the core)."""
        state = self.state
        if state is None or not state.skip_broken:
            return False
        # late import: start-up time (`--help`, `ccassess modules`)
        from ccassess.actions.load_plugins import skip_failed

        return skip_failed(error, self.skipped, state.loaded)

    def skipped_any(self) -> bool:
        registry = self.state.loaded if self.state is not None else None
        return bool(self.skipped or (registry is not None and registry.plugins.failures))


class State:
    """Per-invocation state: global options and the plugin registry, loaded on first use."""

    def __init__(
        self,
        plugins_dir: Path | None,
        skip_broken: bool,
        debug: bool,
        attempts: Attempts | None = None,
    ) -> None:
        self.plugins_dir = plugins_dir
        self.skip_broken = skip_broken
        self.debug = debug
        self.attempts = attempts if attempts is not None else Attempts()
        self.attempts.state = self
        self._registry: Registry | None = None
        self._reported = 0

    @property
    def loaded(self) -> Registry | None:
        """The registry if it was loaded by now."""
        return self._registry

    def registry(self) -> Registry:
        if self._registry is None:
            # late import: start-up time (`--help`, `ccassess modules`)
            from ccassess.actions.load_plugins import load_registry

            self._registry = load_registry(
                self.plugins_dir,
                skip_broken=self.skip_broken,
                skipped=self.attempts.skipped,
                exact_skip=True,
            )
            self._reported = 0
            self.report_plugin_failures()
            # hooks can also fail later (while scoring, rendering): report those at the end
            context = click.get_current_context(silent=True)
            if context is not None:
                context.call_on_close(self.report_plugin_failures)
        return self._registry

    def report_plugin_failures(self) -> None:
        """Warn about plugins skipped (with --skip-broken-plugins) since the last call."""
        if self._registry is None:
            return
        plugins = self._registry.plugins
        printed = self.attempts.printed
        for failure in plugins.failures[self._reported :]:
            line = _("warning: skipped plugin {plugin}: {message}").format(
                plugin=repr(failure.plugin), message=failure.message
            )
            if line in printed:  # by an earlier attempt of this command
                continue
            printed.add(line)
            cause = failure.error.__cause__ if failure.error is not None else None
            if self.debug and cause is not None:
                import traceback

                traceback.print_exception(cause)
            echo(line, err=True)
        self._reported = len(plugins.failures)
        for warning in plugins.warnings:
            line = _("warning: {message}").format(message=warning)
            if line not in printed:
                printed.add(line)
                echo(line, err=True)
        plugins.warnings.clear()


pass_state = click.make_pass_decorator(State)


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs (keeps --help instant)."""

    commands_by_module: ClassVar[dict[str, str]] = {}
    #: Each lazy command's one-line summary (its docstring's first sentence).
    summaries: ClassVar[dict[str, str]] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.commands_by_module))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Like click's, but one-line summaries come from `summaries`, so `--help` imports
        no command module (tests/test_cli.py keeps the table equal to the docstrings)."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            summary = self.summaries.get(name)
            if summary is None:
                command = self.get_command(ctx, name)
                if command is None or command.hidden:
                    continue
                rows.append((name, command.get_short_help_str(limit)))
            else:
                # a stand-in command shortens the summary exactly as click would
                stand_in = click.Command(name, help=_(summary))
                rows.append((name, stand_in.get_short_help_str(limit)))
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.commands_by_module:
            import importlib

            module = importlib.import_module(self.commands_by_module[name])
            command = getattr(module, name.replace("-", "_") + "_command")
        else:
            command = super().get_command(ctx, name)
        return translate_help(command) if command is not None else None


LazyGroup.commands_by_module = {
    "modules": "ccassess.cli.info",
    "plugins": "ccassess.cli.info",
    "plugin": "ccassess.cli.plugin",
    "validate": "ccassess.cli.validate",
    "score": "ccassess.cli.score",
    "report": "ccassess.cli.report",
    "demo": "ccassess.cli.report",
    "chart": "ccassess.cli.chart",
    "benchmark": "ccassess.cli.benchmark",
    "init": "ccassess.cli.workspace",
    "import": "ccassess.cli.workspace",
    "round": "ccassess.cli.workspace",
    "compare": "ccassess.cli.workspace",
    "export": "ccassess.cli.workspace",
    "forget": "ccassess.cli.workspace",
    "sheet": "ccassess.cli.sheet",
    "survey": "ccassess.cli.survey",
    "form": "ccassess.cli.form",
    "serve": "ccassess.cli.serve",
    "invite": "ccassess.cli.serve",
}
LazyGroup.summaries = {
    "benchmark": N_("Benchmarks across your own clients: a norm file for report --benchmark."),
    "chart": N_("Write one chart of the report (ranking, gap, maturity-scale) as SVG or PNG."),
    "compare": N_("Compare two rounds per module and dimension (default: the last two rounds)."),
    "demo": N_("Score the bundled demo assessment (Muster Handels GmbH) and write its report."),
    "export": N_(
        "Export a round's responses as CSV (one respondent per row) or JSON; both re-import."
    ),
    "forget": N_(
        "Delete everything of RESPONDENT (id or name) from the workspace, in every round."
    ),
    "form": N_(
        "Write the questionnaire for an online survey tool, so that its export imports "
        "without editing: an XLSForm (KoboToolbox, ODK, …) or a CSV/Markdown question list."
    ),
    "import": N_(
        "Import answer workbooks (.xlsx), CSV, YAML and JSON files and survey-tool "
        "exports (Microsoft Forms, Google Forms, LimeSurvey, SurveyMonkey, Qualtrics, Typeform, "
        "KoboToolbox) into the workspace."
    ),
    "init": N_(
        "Create an assessment workspace in FOLDER: a readable assessment.yaml and a database."
    ),
    "modules": N_("List the loaded assessment modules."),
    "plugin": N_(
        "Write your own plugins (assessment modules, scoring, findings, report sections)."
    ),
    "plugins": N_("List the loaded plugins: name, version, origin and the hooks they implement."),
    "report": N_("Score responses and write the maturity report."),
    "round": N_("Assessment rounds: list them (default) or start a new one."),
    "score": N_("Score responses: overall, module and dimension scores with maturity levels."),
    "serve": N_("Serve the questionnaire of the workspace's current round in the browser."),
    "invite": N_(
        "Create invitation links to the web questionnaire: a CSV for a mail merge and a "
        "PDF of QR codes."
    ),
    "sheet": N_("Write an answer sheet for respondents to fill in (Excel workbook or CSV)."),
    "survey": N_("Answer the questionnaire in the terminal, one question at a time."),
    "validate": N_("Check module definitions and response files."),
}


class CcassessGroup(LazyGroup):
    """The top-level group; its `main` applies ccassess's error and exit-status policy."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,  # ignored: ccassess always exits with its own status
        **extra: Any,
    ) -> NoReturn:
        args = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in args or os.environ.get("CCASSESS_DEBUG") == "1"
        _skip_last_collection()
        with using_language(language_from_environment()):
            code = self._run(args, prog_name, complete_var, debug, **extra)
        sys.exit(code)

    def _run(
        self,
        args: list[str],
        prog_name: str | None,
        complete_var: str | None,
        debug: bool,
        **extra: Any,
    ) -> int:
        """Run the command in the CLI's language; return the exit status."""
        translate_help(self)
        attempts = Attempts()
        try:
            code = self._attempt(args, prog_name, complete_var, attempts, **extra)
        except click.exceptions.Abort:
            echo(_("Aborted."), err=True)
            return 130
        except click.exceptions.ClickException as exc:
            status = 2 if isinstance(exc, click.UsageError) else exc.exit_code
            # late import: start-up time (`--help`, `ccassess modules`)
            from ccassess.cli.machine import asks_for_json, error_json

            if attempts.json_errors or asks_for_json(args):
                kind = "usage" if isinstance(exc, click.UsageError) else "input"
                click.echo(error_json(exc.format_message(), status, kind=kind), err=True)
                return status
            shown = io.StringIO()  # click's message may quote a hostile argument
            exc.show(file=shown)
            echo(shown.getvalue(), err=True, nl=False)
            return status
        except click.exceptions.Exit as exc:
            return exc.exit_code
        except KeyboardInterrupt:
            echo(_("Interrupted."), err=True)
            return 130
        except Exception as exc:
            return report_exception(exc, debug, as_json=attempts.json_errors)
        code = code if isinstance(code, int) else 0
        return SKIPPED_PLUGIN_EXIT if code == 0 and attempts.skipped_any() else code

    def _attempt(
        self,
        args: list[str],
        prog_name: str | None,
        complete_var: str | None,
        attempts: Attempts,
        **extra: Any,
    ) -> Any:
        """Run the command; with --skip-broken-plugins, a plugin that fails while the command
        works (a hook, a question type, an importer, a template) makes it run again without
        that plugin, so that nothing it contributed (scores, findings, sections) stays.
        Outputs are written at the end, so the attempt that failed has written nothing."""
        while True:
            try:
                return super().main(
                    args=args,
                    prog_name=prog_name or "ccassess",
                    complete_var=complete_var,
                    standalone_mode=False,
                    obj=attempts,
                    **extra,
                )
            except Exception as error:
                # late import: start-up time (`--help`, `ccassess modules`)
                from ccassess.errors import PluginError

                if not isinstance(error, PluginError) or not attempts.skip(error):
                    raise
                state = attempts.state
                attempts.state = None
                if state is not None and state.loaded is not None:
                    state.report_plugin_failures()  # what this attempt found before it failed


def _skip_last_collection() -> None:
    """Let the process end without the garbage collector's last pass.

    At exit the collector walks every object still alive — all of click, the plugins and
    the registry — which takes longer than listing the modules. The memory goes back to the
    system anyway; what needs closing is closed by the code that opened it (outputs are
    written atomically, the workspace commits its transactions), and modules are still torn
    down as usual. Freezing the objects at exit (`gc.freeze`, an atexit handler registered
    once) takes them out of that pass.
    """
    global _skipping_last_collection
    if not _skipping_last_collection:
        atexit.register(gc.freeze)
        _skipping_last_collection = True


_skipping_last_collection = False


def report_exception(exc: Exception, debug: bool, as_json: bool = False) -> int:
    """Print an error the ccassess way and return the exit status; `as_json`: as one line
    of JSON (`--format json`, cli/machine.py)."""
    # late import: start-up time (`--help`, `ccassess modules`)
    from ccassess.errors import (
        NAME_TOO_LONG,
        CcassessError,
        Location,
        PluginError,
        Problem,
        ValidationError,
    )

    if as_json:
        # late import: start-up time (`--help`, `ccassess modules`)
        from ccassess.cli.machine import error_json

        if isinstance(exc, CcassessError):
            if debug and exc.__cause__ is not None:
                import traceback

                traceback.print_exception(exc.__cause__)
            kind = "plugin" if isinstance(exc, PluginError) else "input"
            message, location = exc.message, exc.location
            problems: tuple[Problem, ...] = ()
            if isinstance(exc, ValidationError):
                problems = tuple(exc.problems)
                first = next((p for p in problems if p.severity == "error"), None)
                if first is not None:  # the first error, as the text output names it
                    message, location = first.message, first.location
            line = error_json(
                message, exc.exit_code, kind=kind, location=location, problems=problems,
                text=str(exc),
            )  # fmt: skip
            click.echo(line, err=True)
            return exc.exit_code
        if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:
            location = Location(file=str(exc.filename)) if exc.filename else None
            click.echo(error_json(_(NAME_TOO_LONG), 2, kind="input", location=location), err=True)
            return 2
        if debug:
            import traceback

            traceback.print_exception(exc)
        message = " ".join(str(exc).split()) or type(exc).__name__
        text = _("unexpected {kind}: {message}").format(kind=type(exc).__name__, message=message)
        click.echo(error_json(text, 1, kind="unexpected"), err=True)
        return 1
    if isinstance(exc, CcassessError):
        if debug and exc.__cause__ is not None:  # a plugin's failure: its traceback
            import traceback

            traceback.print_exception(exc.__cause__)
        if isinstance(exc, ValidationError):  # warnings among the errors read as warnings
            for problem in exc.problems:
                if problem.severity == "warning":
                    echo(str(problem), err=True)
                else:
                    echo(_("error: {message}").format(message=problem), err=True)
        else:
            for line in exc.lines():
                echo(_("error: {message}").format(message=line), err=True)
        return exc.exit_code
    if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:
        # a path given on the command line (or made from one) that no file system takes:
        # bad input wherever it was first used
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(_("error: {message}").format(message=where + _(NAME_TOO_LONG)), err=True)
        return 2
    if debug:
        import traceback

        traceback.print_exception(exc)
    message = " ".join(str(exc).split()) or type(exc).__name__
    echo(
        _("error: unexpected {kind}: {message}").format(kind=type(exc).__name__, message=message),
        err=True,
    )
    if not debug:
        echo(
            _("This is a bug in ccassess or a plugin; re-run with --debug for the traceback."),
            err=True,
        )
    return 1


@click.group(cls=CcassessGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__,
    prog_name="ccassess",
    message=LazyMessage(N_("%(prog)s, version %(version)s")),  # click's own message
)
@click.option(
    "--plugins-dir",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="CCASSESS_PLUGINS_DIR",
    help=N_(
        "Load your own modules (*.yaml) and plugins (*.py) from this folder "
        "[env: CCASSESS_PLUGINS_DIR]."
    ),
)
@click.option(
    "--skip-broken-plugins",
    is_flag=True,
    envvar="CCASSESS_SKIP_BROKEN_PLUGINS",
    help=N_("Warn about a broken plugin and go on without it, instead of stopping."),
)
@click.option("--debug", is_flag=True, help=N_("Show the full traceback of unexpected errors."))
@click.pass_context
def cli(
    ctx: click.Context, plugins_dir: Path | None, skip_broken_plugins: bool, debug: bool
) -> Any:
    """ccassess: measure how customer-centric a company really is.

    Modules (plugins) define questionnaires for staff and customers; ccassess scores the
    answers into maturity levels, perception gaps and silo maps and renders a PDF report.

    Start with `ccassess demo`, then `ccassess modules`.
    """
    attempts = ctx.obj if isinstance(ctx.obj, Attempts) else None
    ctx.obj = State(plugins_dir, skip_broken_plugins, debug, attempts)
