"""Dark theme, Korean interface: unchecked radio buttons and check boxes stay visible on a dark window, and Qt's
own dialogs are in Korean too."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QRadioButton


def test_unchecked_radio_buttons_are_visible_in_the_dark_theme(qtbot, qapp):
    from desktop_app.views.theme import apply_theme

    button = QRadioButton("x")
    qtbot.addWidget(button)
    button.resize(QSize(40, 24))
    try:
        apply_theme(qapp, "dark")
        button.show()
        image = button.grab().toImage()
        background = QColor(image.pixel(image.width() - 2, image.height() // 2))
        contrast = max(abs(QColor(image.pixel(x, y)).lightness() - background.lightness())
                       for x in range(0, 14) for y in range(image.height()))
        assert contrast >= 80, contrast  # the indicator's ring stands out from the window
    finally:
        apply_theme(qapp, "system")
    assert "QRadioButton::indicator" not in qapp.styleSheet()


def test_the_korean_interface_loads_qts_own_korean_for_file_dialogs(qapp):
    from desktop_app.app.i18n import install

    try:
        assert install(qapp, "ko") == "ko"
        assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
        assert QCoreApplication.translate("QFileDialog", "Files of type:") != "Files of type:"
    finally:
        install(qapp, "en")
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Look in:"


def test_the_low_confidence_threshold_is_the_calibrated_one():
    """The underline flags the worst fifth of dev sentences by confidence (scripts/calibrate_confidence.py); the
    old 0.4 flagged under a tenth, almost none of them everyday sentences."""
    import json

    from support import REPO

    from desktop_app.views.editors import LOW_CONFIDENCE

    calibration = json.loads((REPO / "benchmarks" / "confidence_calibration.json").read_text())
    assert LOW_CONFIDENCE == round(calibration["threshold"], 2)
    assert calibration["precision"] > 1.5 * calibration["chance"]  # it does pick out bad sentences
