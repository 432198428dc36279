"""Hanyeong's desktop app (Qt for Python), in three layers whose imports point one way:

  app/       start-up: `hanyeong-app` (main.py), the self-test, the X11 library check, the interface language
  views/     windows and widgets: the main window, editors, history, the attention panel, the settings dialog
  services/  what the views use: settings, models, translation in a worker thread, training and device detection
             in a separate process; services use the engine through `model.api` only

app → views → services → model.api. The app never imports TensorFlow: translation runs on LiteRT, and training
and device detection run the `hanyeong` command line in their own process. This module imports nothing, so that
the packaged app's command-line mode (frozen.py) loads no Qt.
"""

APP_NAME = "Hanyeong"
ORGANIZATION = "Hanyeong"
RUN_CLI_FLAG = "--run-cli"  # the packaged app started as the `hanyeong` command line (frozen.py, services/cli_process)
