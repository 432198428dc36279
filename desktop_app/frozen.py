"""Entry point of the packaged app (build.spec freezes this file into dist/Hanyeong/Hanyeong).

  Hanyeong                       the translator window (all of `hanyeong-app`'s options work)
  Hanyeong --run-cli ARGS ...    the `hanyeong` command line (translate, info, train, finetune, ...): the app starts
                                 itself like this for training, so TensorFlow is loaded in that process only

The packaged app has no `python` executable to run `-m model.cli` with, so the command line and the training
subprocess are this same executable. Nothing from Qt, the model or TensorFlow is imported before the choice is
made (desktop_app/__init__.py imports nothing): the command line never loads Qt, and the window never loads
TensorFlow.
"""

from __future__ import annotations

import multiprocessing
import sys

from desktop_app import RUN_CLI_FLAG  # services/cli_process.py starts the frozen app with it


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()  # a multiprocessing child of the frozen app runs its task here and exits
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == [RUN_CLI_FLAG]:
        from model.cli import main as cli_main

        return cli_main(argv[1:])
    from desktop_app.app.main import main as app_main  # checks the display libraries before it creates the window

    return app_main(argv)


if __name__ == "__main__":
    sys.exit(main())
