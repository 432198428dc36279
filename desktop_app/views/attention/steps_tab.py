"""The Steps tab of the attention dock: what the Steps view (steps_view.py) shows, and when it is computed.

It follows the panel: its sentence, attention type and layer, its head when one head is shown (else a head picked
in the view), and its pinned piece as the query when that piece is a row of this attention (a click on a heatmap
row or on a word of the texts). A query or head picked in the view is pinned or shown in the panel too, so the
heatmap's highlighted row is the one whose weights the view computes. The numbers come from
services/attention_steps.py, off the GUI thread, only while the tab is in sight; they are kept for the sentences
on screen, so going back to a query costs nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from ...services.attention_steps import StepsService
from .data import CROSS, DECODER, ENCODER, SOURCE, TARGET, has_attention, layers_of, side_labels
from .panel import AttentionPanel
from .steps_view import StepsView

CACHE_SIZE = 64  # computed steps kept (a few queries × heads × layers of the sentences on screen)


class StepsTab(QObject):
    def __init__(self, panel: AttentionPanel, service, stepper: StepsService, parent: QObject | None = None):
        super().__init__(parent)
        self.panel = panel
        self.stepper = stepper  # built with the other services (app/main.py build_services)
        self.view = StepsView()
        panel.tabs.insertTab(1, self.view, self.tr("Steps"))  # beside the heatmap, whose rows it takes apart
        self.cache: dict[tuple, object] = {}  # (item id, kind, layer, head, query) -> AttentionSteps
        self.wanted: tuple | None = None  # what the view should show now
        self.shown: tuple | None = None  # (key, note) on screen
        self.requested: tuple | None = None
        self.head = 0  # the head followed while the panel shows an average or the grid of heads
        self.queries: dict[tuple, int] = {}  # (item id, kind) -> the query last followed there
        self.note = ""
        # one refresh once the panel has settled: a new sentence changes several of its controls in a row
        self.timer = QTimer(self, singleShot=True, interval=0)
        self.timer.timeout.connect(self.refresh)
        for signal in (panel.sentence_combo.currentIndexChanged, panel.kind_combo.currentIndexChanged,
                       panel.layer_combo.currentIndexChanged, panel.head_combo.currentIndexChanged,
                       panel.highlightChanged, panel.attentionProvided, panel.tabs.currentChanged):
            signal.connect(self.schedule)
        panel.visibilityChanged.connect(lambda visible: self.schedule() if visible else None)
        panel.tabs.currentChanged.connect(self._on_tab_changed)
        self.view.querySelected.connect(self._on_query_selected)
        self.view.headSelected.connect(self._on_head_selected)
        self.view.exported.connect(panel.exported)  # the window says "Saved …"
        self.stepper.computed.connect(self._on_computed)
        self.stepper.failed.connect(self._on_failed)
        service.modelLoading.connect(self._on_model_loading)

    def schedule(self, *_args) -> None:
        self.timer.start()

    def in_sight(self) -> bool:
        return self.panel.isVisible() and self.panel.tabs.currentWidget() is self.view

    # --- what to show -------------------------------------------------------------------------------------------

    def choice(self):
        """(sentence, key, labels of the queries, number of heads), or a message when there is nothing to show."""
        panel = self.panel
        item = panel.current_item
        if item is None:
            return self.tr("Translate some Korean text, then pick a sentence, to see the three steps of attention "
                           "with the model's numbers.")
        sentence = item.sentence
        if not has_attention(sentence):
            return self.tr("Computing the attention…")
        kind = panel.kind_combo.currentData()
        layers = layers_of(sentence, kind)
        heads = layers[0].shape[0]
        notes = []
        layer = panel.layer_combo.currentData()
        if not isinstance(layer, int) or not 0 <= layer < len(layers):  # the rollout mixes every layer
            layer = len(layers) - 1
            notes.append(self.tr("The rollout mixes all layers; the steps are one layer's: layer {0}.").format(
                layer + 1))
        head = panel.head_combo.currentData()
        if not isinstance(head, int) or not 0 <= head < heads:  # an average, or the grid of heads
            head = min(self.head, heads - 1)
            notes.append(self.tr("The heatmap shows several heads; the steps are one head's: head {0} (pick another "
                                 "above, or click a head's column).").format(head + 1))
        side = SOURCE if kind == ENCODER else TARGET
        query_labels = side_labels(sentence, side)
        pinned = panel.pinned
        if pinned and pinned[0] == side and 0 <= pinned[1] < len(query_labels):
            query = pinned[1]
        else:
            query = min(self.queries.get((item.id, kind), 0), len(query_labels) - 1)
        self.queries[(item.id, kind)] = query
        self.note = " ".join(notes)
        return sentence, (item.id, kind, layer, head, query), query_labels, heads

    def refresh(self, *_args) -> None:
        if not self.in_sight():
            return
        live = {item.id for item in self.panel.items}
        for key in [k for k in self.cache if k[0] not in live]:  # sentences of an older translation
            del self.cache[key]
        chosen = self.choice()
        if isinstance(chosen, str):
            self.wanted = self.shown = None
            self.view.show_message(chosen)
            return
        sentence, key, query_labels, heads = chosen
        self.wanted = key
        self.view.set_choices(query_labels, key[4], heads, key[3])
        if (key, self.note) == self.shown:
            return
        if key in self.cache:
            self._show(key, self.cache[key])
            return
        self.shown = None
        self.view.show_message(self.tr("Computing the three steps…"))
        if self.requested != key:
            self.requested = key
            self.stepper.compute(key, sentence, *key[1:])

    def _show(self, key: tuple, steps) -> None:
        sentence = self.panel.current_item.sentence
        self.shown = (key, self.note)
        source, target = side_labels(sentence, SOURCE), side_labels(sentence, TARGET)
        if steps.kind == DECODER:  # the decoder's keys are what it read: <s>, then the pieces before each row
            key_labels = ["<s>" if piece == "<s>" else target[column - 1]
                          for piece, column in zip(steps.key_pieces, steps.key_columns)]
        else:
            key_labels = [source[column] for column in steps.key_columns]
        rows = source if steps.kind == ENCODER else target
        query = rows[steps.query]
        kind_name = {ENCODER: self.tr("Encoder self-attention"), DECODER: self.tr("Decoder self-attention"),
                     CROSS: self.tr("Cross-attention")}[steps.kind]
        title = self.tr("{0} · layer {1} · head {2} of {3} · query “{4}”").format(
            kind_name, steps.layer + 1, steps.head + 1, steps.heads, query)
        if steps.kind == ENCODER:
            subtitle = self.tr("Keys and values: the Korean pieces themselves, as they enter this layer.")
        elif steps.kind == DECODER:
            reads = key_labels[steps.query - steps.key_columns[0]]  # the query's own position among the keys
            subtitle = self.tr("Keys and values: what the decoder has read (<s>, then the pieces chosen); the query "
                               "is computed where it reads “{0}” to choose “{1}”; later keys are masked.").format(
                reads, query)
        else:
            subtitle = self.tr("Keys and values: the encoder's output (the Korean), through this layer's W_K and "
                               "W_V; the query is the English piece, computed where the decoder chooses it.")
        self.view.show_steps(steps, key_labels, title, subtitle, self.note,
                             {"source": sentence.source, "target": sentence.target, "query_label": query})

    # --- events -------------------------------------------------------------------------------------------------

    def _on_tab_changed(self, *_args) -> None:
        if self.panel.tabs.currentWidget() is self.view:
            self.panel.export_button.setVisible(False)  # the view has its own Export (PNG, SVG, JSON)

    def _on_query_selected(self, row: int) -> None:
        item = self.panel.current_item
        if item is None:
            return
        kind = self.panel.kind_combo.currentData()
        self.queries[(item.id, kind)] = row
        side = SOURCE if kind == ENCODER else TARGET
        if self.panel.pinned != (side, row):  # the heatmap's row and the words in the texts follow
            self.panel.pinned = None
            self.panel.pin_piece(side, row)
        self.schedule()

    def _on_head_selected(self, head: int) -> None:
        self.head = head
        position = self.panel.head_combo.findData(head)
        if position >= 0 and position != self.panel.head_combo.currentIndex():
            self.panel.head_combo.setCurrentIndex(position)  # the heatmap shows that head's rows too
        self.schedule()

    def _on_computed(self, key: tuple, steps) -> None:
        if self.requested == key:
            self.requested = None
        self.cache[key] = steps
        while len(self.cache) > CACHE_SIZE:
            del self.cache[next(iter(self.cache))]
        if key == self.wanted and self.in_sight():
            self._show(key, steps)

    def _on_failed(self, key: tuple, message: str) -> None:
        if self.requested == key:
            self.requested = None
        if key == self.wanted:
            self.shown = None
            self.view.show_message(self.tr("Could not compute the steps: {0}").format(message))

    def _on_model_loading(self, *_args) -> None:
        self.cache.clear()
        self.wanted = self.shown = self.requested = None
