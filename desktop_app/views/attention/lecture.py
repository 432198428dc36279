"""The attention dock's lecture tabs: Decoding (how the English was chosen) and Positions (the positional
encoding), next to the panel's Heatmap and How it works; and the one selection they share with the panel.

- The decoding view explains the panel's current sentence, computed when the tab is shown (services/explaining.py,
  off the GUI thread) and kept per sentence, beam and length limit.
- A step chosen in the decoding view pins the English piece it produced in the panel: the heatmap's row of that
  step (cross-attention, switched to from encoder self-attention) and the Korean words it looked at, in the text.
  Hovering a piece there focuses it the same way until the mouse leaves. An English piece pinned in the panel (a
  heatmap row, or a word of the English text) selects its step here.
- The positional view draws the loaded model's encoding (its max_len and d_model, asked from the worker).
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from ...services.alignment import TARGET
from ...services.app_services import AppServices
from .data import CROSS, ENCODER, labels
from .decoding_view import DecodingView, chosen_tokens
from .panel import AttentionPanel, Highlight
from .positional_view import PositionalView
from .steps_tab import StepsTab


class LectureTabs(QObject):
    def __init__(self, panel: AttentionPanel, services: AppServices, parent: QObject | None = None):
        super().__init__(parent)
        service, settings = services.translation, services.settings
        self.panel, self.service, self.explainer, self.settings = panel, service, services.explainer, settings
        self.decoding = DecodingView()
        self.positional = PositionalView()
        tabs = panel.tabs
        index = tabs.indexOf(panel.help_browser)
        index = index if index >= 0 else tabs.count()
        tabs.insertTab(index, self.decoding, self.tr("Decoding"))
        tabs.insertTab(index + 1, self.positional, self.tr("Positions"))
        # the step's cross-attention is one layer's (the panel's, when it shows cross-attention), heads averaged;
        # the positional encoding depends on the model alone
        panel.use_controls(self.decoding, lambda: {"sentence", "layer"} if panel.kind_combo.currentData() == CROSS
                           else {"sentence"})
        panel.use_controls(self.positional, set())
        self.cache: dict[tuple, object] = {}  # (item id, beam, max length) -> Explained
        self.requested: dict[tuple, bool] = {}
        self.shown_key: tuple | None = None
        self.linked = False  # the explained pieces are the panel's rows (same search), so steps map to rows
        self._echo = False  # set while this object drives the panel, so its highlight is not taken back

        panel.currentItemChanged.connect(self.refresh)  # also the first sentence of each new translation
        panel.visibilityChanged.connect(lambda visible: self.refresh() if visible else None)
        panel.attentionProvided.connect(self._on_attention_provided)
        panel.highlightChanged.connect(self._on_highlight)
        panel.layer_combo.currentIndexChanged.connect(self._update_attention)
        panel.kind_combo.currentIndexChanged.connect(self._update_attention)
        tabs.currentChanged.connect(self._on_tab_changed)
        self.explainer.explained.connect(self._on_explained)
        self.explainer.failed.connect(self._on_failed)
        self.explainer.sized.connect(self.positional.set_sizes)
        self.decoding.stepHovered.connect(self._on_step_hovered)
        self.decoding.stepSelected.connect(self._on_step_selected)
        self.decoding.exported.connect(panel.exported)  # the window says "Saved …" for both
        service.modelLoading.connect(self._on_model_loading)
        service.modelLoaded.connect(lambda *_: self._on_model_loaded())
        settings.changed.connect(lambda key: self.refresh() if key.startswith("decoding/") else None)
        if service.ready:
            self._on_model_loaded()
        # last, so that its handling of a tab change comes after this one's (the panel's Export button)
        self.steps = StepsTab(panel, service, services.steps, self)  # one head's three steps for one query

    # --- what to show -------------------------------------------------------------------------------------------

    def key(self, item) -> tuple:
        return item.id, self.settings.beam, self.settings.max_length

    def refresh(self, *_args) -> None:
        """Show (or compute) the explanation of the panel's sentence, when the Decoding tab is in sight."""
        if not self.panel.isVisible() or self.panel.tabs.currentWidget() is not self.decoding:
            return
        item = self.panel.current_item
        live = {i.id for i in self.panel.items}
        for key in [k for k in self.cache if k[0] not in live]:  # sentences of an older translation
            del self.cache[key]
        if item is None:
            self.shown_key = None
            self.decoding.show_message(self.tr("Translate some Korean text, then pick a sentence, to see how its "
                                               "English was chosen."))
            return
        if item.sentence_index is None:
            self.shown_key = None
            self.decoding.show_message(self.tr("The decoding view explains one sentence at a time: pick a sentence "
                                               "rather than a whole line."))
            return
        key = self.key(item)
        if key == self.shown_key:
            return
        if key in self.cache:
            self._show(key, self.cache[key])
            return
        self.shown_key = None
        if not self.service.ready:
            self.decoding.show_message(self.tr("No model is loaded."))
            return
        self.decoding.show_message(self.tr("Following the search step by step…"))
        if not self.requested.get(key):
            self.requested = {key: True}
            made = self.panel.translation  # the same search as its English: its beam, length penalty and terms
            self.explainer.explain(key, item.text, made.beam, self.settings.max_length, made.alpha, made.terms)

    def _show(self, key: tuple, explained) -> None:
        self.shown_key = key
        self.decoding.show_explained(explained, self._attention())
        if self.linked and self.panel.pinned and self.panel.pinned[0] == TARGET:
            self.decoding.select_step(self.panel.pinned[1], emit=False)

    def _attention(self):
        """The panel sentence's cross-attention for the view's steps: (matrix (T, S), Korean labels, layer), or
        None when the panel has none yet or its English pieces are not the explained ones."""
        item, explained = self.panel.current_item, self.cache.get(self.shown_key)
        self.linked = False
        if item is None or explained is None or item.sentence is None or not item.sentence.cross_attention:
            return None
        primary = explained.primary
        pieces = primary.spell(chosen_tokens(primary)) + ["</s>"]
        if list(item.sentence.target_pieces) != pieces or primary is not explained.beam:
            return None  # the translation on screen took another path (greedy, or a cut sentence)
        self.linked = True
        layers = item.sentence.cross_attention
        layer = self.panel.layer_combo.currentData()
        if self.panel.kind_combo.currentData() != CROSS or not isinstance(layer, int) or not \
                0 <= layer < len(layers):
            layer = len(layers) - 1
        return layers[layer].mean(axis=0), labels(item.sentence.source_pieces), layer

    def _update_attention(self, *_args) -> None:
        if self.shown_key is not None:
            self.decoding.set_attention(self._attention())

    # --- events -------------------------------------------------------------------------------------------------

    def _on_tab_changed(self, *_args) -> None:
        current = self.panel.tabs.currentWidget()
        # the panel's Export is the heatmap's; the decoding view has its own, the positional view none
        self.panel.export_button.setVisible(current not in (self.decoding, self.positional))
        if current is self.decoding:
            self.refresh()
        elif current is self.positional and self.positional.sizes is None and self.service.ready:
            self.explainer.describe_model()

    def _on_explained(self, key: tuple, explained) -> None:
        self.requested.pop(key, None)
        self.cache[key] = explained
        item = self.panel.current_item
        if item is not None and self.key(item) == key and self.panel.tabs.currentWidget() is self.decoding:
            self._show(key, explained)

    def _on_failed(self, key: tuple, message: str) -> None:
        self.requested.pop(key, None)
        item = self.panel.current_item
        if item is not None and self.key(item) == key:
            self.decoding.show_message(self.tr("Could not follow the search: {0}").format(message))

    def _on_attention_provided(self, item_id: int) -> None:
        if self.shown_key is not None and self.shown_key[0] == item_id:
            self._update_attention()

    def _on_model_loading(self, *_args) -> None:
        self.explainer.cancel_all()
        self.cache.clear()
        self.requested.clear()
        self.shown_key = None
        self.positional.clear(self.tr("The positional encoding is shown once a model is loaded."))

    def _on_model_loaded(self) -> None:
        self.explainer.describe_model()
        self.refresh()

    # --- the shared selection -----------------------------------------------------------------------------------

    def _on_step_hovered(self, step: int) -> None:
        if not self.linked or self.panel.view is None:
            return
        self._echo = True
        try:
            self.panel.focus_piece(TARGET if step >= 0 else None, step if step >= 0 else None)
        finally:
            self._echo = False

    def _on_step_selected(self, step: int) -> None:
        if not self.linked or self.panel.view is None:
            return
        self._echo = True
        try:
            if self.panel.view.kind == ENCODER:  # the step's English piece is not in the Korean self-attention
                self.panel.set_kind(CROSS)
            if self.panel.pinned != (TARGET, step):
                self.panel.pinned = None
                self.panel.pin_piece(TARGET, step)
        finally:
            self._echo = False

    def _on_highlight(self, highlight: Highlight | None) -> None:
        if self._echo or not self.linked or self.shown_key is None:
            return
        pinned = self.panel.pinned
        if pinned and pinned[0] == TARGET and highlight is not None and highlight.item is self.panel.current_item:
            self.decoding.select_step(pinned[1], emit=False)
