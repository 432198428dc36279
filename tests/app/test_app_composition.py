"""The window's composition: its services are built in one place (app/main.py build_services) and handed to it; the
job being translated lives in the TranslationService alone, so whoever submits a text, the window shows it and
Cancel stops it."""

from __future__ import annotations

import inspect

from support import translate

from desktop_app.app import main as app_main
from desktop_app.services.app_services import AppServices
from desktop_app.views.main_window import MainWindow


def test_the_window_is_built_over_the_services_it_is_given(window):
    services = window.services
    assert isinstance(services, AppServices)
    assert (window.service, window.runner, window.history, window.terms, window.settings, window.store) == (
        services.translation, services.runner, services.history, services.terms, services.settings, services.store)
    assert window.lecture.explainer is services.explainer  # the decoding view reaches the model through it
    assert window.lecture.steps.stepper is services.steps
    assert window.lecture.explainer.worker.thread() is services.translation.thread  # on the translator's thread
    made_in_the_window = inspect.getsource(MainWindow.__init__)
    for service in ("TranslationService(", "TrainingRunner(", "HistoryModel(", "TermList(", "ExplainService(",
                    "StepsService("):
        assert service not in made_in_the_window
        assert service in inspect.getsource(app_main.build_services)


def test_a_text_submitted_to_the_service_is_the_one_the_window_shows(qtbot, window):
    """The current job is the service's: the window keeps no copy of its own that could disagree."""
    assert not hasattr(window, "current_job") and not hasattr(window, "unit_jobs")
    window.source_edit.setPlainText("날씨가 좋아요.")
    with qtbot.waitSignal(window.translationShown, timeout=60_000):
        job = window.service.translate("날씨가 좋아요.", 1, 64, with_attention=True)
    assert window.service.current is job
    assert window.result.source_text == "날씨가 좋아요." and window.output_view.toPlainText()


def test_cancel_stops_the_services_current_job_and_says_so(qtbot, window):
    translate(qtbot, window, "고양이가 자고 있어요.")
    text = "\n".join(f"고양이가 {n}번 자요." for n in range(120))
    window.source_edit.setPlainText(text)
    with qtbot.waitSignal(window.service.cancelled, timeout=60_000) as cancelled:
        window.translate_now()
        job = window.service.current
        window.cancel_action.trigger()
    assert cancelled.args[0] is job and job.cancelled_by_user
    assert window.statusBar().currentMessage() == "Translation cancelled."

