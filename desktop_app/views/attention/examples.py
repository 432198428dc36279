"""Example sentences for the Examples menu, each with the attention view that shows something about it, and the
walkthrough that runs one: text in, translation, then that view (AttentionPanel.show_example)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal

from .data import CROSS, ENCODER
from .steps_view import STEPS_VIEW


@dataclass(frozen=True)
class Example:
    title: str  # English; shown through QCoreApplication.translate("Examples", title)
    text: str
    kind: str  # attention type to show
    focus: str  # a word of the Korean text to focus in the heatmap
    whole_line: bool = False  # inspect the line as one encoder input (attention across sentences)
    antecedent: str = ""  # a word the focus word refers to: the view picks the head that links them most
    terms: tuple = ()  # (korean, english) terms the example translates with, besides the user's own
    note: str = ""  # English; what the example shows beyond the attention (status bar, menu tooltip)
    tab: str = ""  # the object name of the attention dock's tab to open on (default: the heatmap)

    def display_title(self) -> str:
        return QCoreApplication.translate("Examples", self.title)

    def display_note(self) -> str:
        return QCoreApplication.translate("Examples", self.note) if self.note else ""


EXAMPLES = [
    Example(QT_TRANSLATE_NOOP("Examples", "Pronoun: 그녀 looks back at 아이유 (with the term 아이유 → IU)"),
            "아이유는 1993년에 태어났다. 그녀는 최근에 드라마 호텔 델루나에 출연했다.", ENCODER, "그녀", whole_line=True,
            antecedent="아이유", terms=(("아이유", "IU"),),
            note=QT_TRANSLATE_NOOP("Examples", "This example uses the term 아이유 → IU: the name becomes the slot {0}, "
                                               "which the model copies, and then IU. Without the term the model reads "
                                               "아이유 as 아이 (“child”): “The child was born in 1993.” Your own "
                                               "terms: Settings ▸ Terms.")),
    # the lecture's own example, taken apart: the three steps of 그녀's query in the head that links it to 아이유
    Example(QT_TRANSLATE_NOOP("Examples", "The three steps of attention: 그녀 attends to 아이유, head by head"),
            "아이유는 1993년에 태어났다. 그녀는 최근에 드라마 호텔 델루나에 출연했다.", ENCODER, "그녀", whole_line=True,
            antecedent="아이유", terms=(("아이유", "IU"),), tab=STEPS_VIEW,
            note=QT_TRANSLATE_NOOP("Examples", "그녀's query against every key, with the model's numbers: the "
                                               "largest dot product becomes the largest weight. Click the heads 1–4 "
                                               "(or their columns) to see the same steps in each head.")),
    Example(QT_TRANSLATE_NOOP("Examples", "Word order: the verb comes last"),
            "나는 어제 도서관에서 친구에게 책을 빌렸다.", CROSS, "빌렸다"),
    Example(QT_TRANSLATE_NOOP("Examples", "Particles mark who does what"), "고양이가 쥐를 쫓았다.", CROSS, "쥐를"),
    Example(QT_TRANSLATE_NOOP("Examples", "Negation at the end"), "저는 커피를 좋아하지 않아요.", CROSS, "않아요"),
    Example(QT_TRANSLATE_NOOP("Examples", "Honorific speech"), "할머니께서 방에서 주무시고 계세요.", CROSS, "주무시고"),
    Example(QT_TRANSLATE_NOOP("Examples", "Numbers and counters"), "사과 세 개와 우유 두 병을 샀어요.", CROSS, "세 개"),
    Example(QT_TRANSLATE_NOOP("Examples", "A question"), "내일 몇 시에 만날까요?", CROSS, "몇 시"),
    Example(QT_TRANSLATE_NOOP("Examples", "A long sentence"),
            "회의가 예상보다 길어져서 우리는 점심을 거르고 오후 세 시가 넘어서야 겨우 사무실 근처 식당에서 밥을 먹을 수 있었다.",
            CROSS, "점심"),
]

SELF_TEST_SAMPLE = EXAMPLES[0]


class ExampleWalkthrough(QObject):
    """Runs an example in the main window: puts its text in, has it translated, and once the translation (and, for
    a whole line, its attention) is there, shows the attention view the example is about."""

    shown = Signal()  # the example's view is ready and focused

    def __init__(self, window, panel):
        super().__init__(window)
        self.window, self.panel = window, panel
        self.pending: Example | None = None
        window.translationShown.connect(self._try_show)
        panel.attentionProvided.connect(self._try_show)

    def start(self, example: Example) -> None:
        from model.api import Term

        self.pending = example
        # the example's own terms apply to its text only (TranslationService.terms_for)
        self.window.service.example_terms = (example.text, [Term(k, e) for k, e in example.terms])
        self.panel.show()
        self.panel.raise_()
        self.window.set_source_text(example.text)
        self.window.translate_now()

    def _try_show(self, *_args) -> None:
        example, result = self.pending, self.window.result
        if example is None or result is None or result.source_text != example.text:
            return
        if self.panel.show_example(example):  # False: the attention is still being computed; it calls back
            self.pending = None
            page = next((self.panel.tabs.widget(i) for i in range(self.panel.tabs.count())
                         if example.tab and self.panel.tabs.widget(i).objectName() == example.tab), None)
            if page is not None:
                self.panel.tabs.setCurrentWidget(page)
            if example.note:
                self.window.statusBar().showMessage(example.display_note(), 30000)
            self.shown.emit()
