<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AttentionPanel</name>
    <message>
        <location filename="../../views/attention/panel.py" line="62"/>
        <source>Attention</source>
        <translation>어텐션</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="83"/>
        <source>The sentence whose attention is shown</source>
        <translation>어텐션을 보여 줄 문장</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="85"/>
        <source>Cross: English → Korean</source>
        <translation>교차: 영어 → 한국어</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="86"/>
        <source>Encoder self: Korean → Korean</source>
        <translation>인코더 셀프: 한국어 → 한국어</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="87"/>
        <source>Decoder self: English → English</source>
        <translation>디코더 셀프: 영어 → 영어</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="88"/>
        <source>Which attention to show (see “How it works”)</source>
        <translation>보여 줄 어텐션 종류 (“작동 원리” 참고)</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="90"/>
        <source>Layer, or the rollout of all layers</source>
        <translation>층, 또는 모든 층의 롤아웃</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="94"/>
        <source>One head, the average of the heads, or all heads side by side</source>
        <translation>헤드 하나, 헤드 평균, 또는 모든 헤드를 나란히</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="97"/>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="101"/>
        <source>Image (PNG)…</source>
        <translation>이미지(PNG)…</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="102"/>
        <source>Image (SVG)…</source>
        <translation>이미지(SVG)…</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="103"/>
        <source>Matrix (CSV)…</source>
        <translation>행렬(CSV)…</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="110"/>
        <source>&amp;Sentence</source>
        <translation>문장(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="117"/>
        <source>&amp;Type</source>
        <translation>종류(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="117"/>
        <source>&amp;Layer</source>
        <translation>층(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="118"/>
        <source>&amp;Heads</source>
        <translation>헤드(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="150"/>
        <source>Heatmap</source>
        <translation>히트맵</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="154"/>
        <source>How it works</source>
        <translation>작동 원리</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="165"/>
        <source>Translate some Korean text to see where the model looks.</source>
        <translation>한국어 문장을 번역하면 모델이 어디를 보는지 여기에 나타납니다.</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="195"/>
        <source>Point at a row, or at a word in either text, to see what it attends to most; click to keep it highlighted.</source>
        <translation>행이나 양쪽 텍스트의 단어를 가리키면 가장 많이 주목하는 곳이 표시됩니다. 클릭하면 강조가 유지됩니다.</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="205"/>
        <source>Translating… The sentences are listed here when it is done.</source>
        <translation>번역하는 중… 번역이 끝나면 여기에 문장이 나열됩니다.</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="221"/>
        <source>Whole line: {0}</source>
        <translation>줄 전체: {0}</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="235"/>
        <source>Nothing to show: the text has no Korean sentence.</source>
        <translation>표시할 것이 없습니다. 한국어 문장이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="279"/>
        <source>No attention for this sentence: it has nothing to translate.</source>
        <translation>이 문장에는 어텐션이 없습니다. 번역할 내용이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="291"/>
        <source>Could not compute the attention: {0}</source>
        <translation>어텐션을 계산하지 못했습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="303"/>
        <source>Computing the attention…</source>
        <translation>어텐션을 계산하는 중…</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="334"/>
        <source>Layer {0}</source>
        <translation>{0}층</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="335"/>
        <source>Rollout (all layers)</source>
        <translation>롤아웃 (모든 층)</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="336"/>
        <source>Average of heads</source>
        <translation>헤드 평균</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="338"/>
        <source>Head {0}</source>
        <translation>헤드 {0}</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="339"/>
        <source>All heads (grid)</source>
        <translation>모든 헤드 (격자)</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="348"/>
        <source>Cross-attention</source>
        <translation>교차 어텐션</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="348"/>
        <source>Encoder self-attention</source>
        <translation>인코더 셀프 어텐션</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="349"/>
        <source>Decoder self-attention</source>
        <translation>디코더 셀프 어텐션</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="351"/>
        <source>rollout through all layers</source>
        <translation>모든 층의 롤아웃</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="353"/>
        <source>layer {0}</source>
        <translation>{0}층</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="356"/>
        <source>average of {0} heads</source>
        <translation>헤드 {0}개 평균</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="358"/>
        <source>all {0} heads</source>
        <translation>헤드 {0}개 모두</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="360"/>
        <source>head {0}</source>
        <translation>헤드 {0}</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="411"/>
        <source>Of all heads, layer {0} head {1} links “{2}” most to “{3}”: {4:.0%} of its attention.</source>
        <translation>모든 헤드 가운데 {0}층 헤드 {1}이(가) “{2}”을(를) “{3}”에 가장 많이 연결합니다: 어텐션의 {4:.0%}.</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="462"/>
        <source>“{0}” attends most to: {1}</source>
        <translation>“{0}”이(가) 가장 많이 주목하는 곳: {1}</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="473"/>
        <source>Attending most to “{0}”: {1}</source>
        <translation>“{0}”에 가장 많이 주목하는 조각: {1}</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="507"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="507"/>
        <source>SVG image (*.svg)</source>
        <translation>SVG 이미지 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="508"/>
        <source>CSV table (*.csv)</source>
        <translation>CSV 표 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="513"/>
        <source>Export attention</source>
        <translation>어텐션 내보내기</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="522"/>
        <source>Could not export: {0}</source>
        <translation>내보내지 못했습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../views/attention/panel.py" line="527"/>
        <source>
&lt;h3&gt;What you are looking at&lt;/h3&gt;
&lt;p&gt;The translator is a Transformer. Every layer lets each piece of text look at other pieces and take
information from them. How much a piece takes from each other piece is its &lt;b&gt;attention&lt;/b&gt;: a row of the
heatmap, whose cells add up to 1. Darker cells mean more attention.&lt;/p&gt;
&lt;p&gt;For each head, a query vector &lt;i&gt;Q&lt;/i&gt; of the piece doing the looking is compared with a key vector &lt;i&gt;K&lt;/i&gt;
of every piece it may look at:&lt;/p&gt;
&lt;p align=&quot;center&quot;&gt;&lt;b&gt;attention = softmax(Q&amp;nbsp;K&lt;sup&gt;T&lt;/sup&gt; / √d&lt;sub&gt;k&lt;/sub&gt;)&lt;/b&gt;&lt;/p&gt;
&lt;p&gt;The dot products say how well each key matches the query; dividing by √d&lt;sub&gt;k&lt;/sub&gt; (the size of a head&apos;s
vectors) keeps them in a range where softmax does not saturate; softmax turns them into weights that sum to 1.
The output is the weighted sum of the value vectors &lt;i&gt;V&lt;/i&gt;.&lt;/p&gt;
&lt;h3&gt;The three kinds&lt;/h3&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;Encoder self-attention&lt;/b&gt; (Korean → Korean): while reading the Korean, each piece gathers context from
the other Korean pieces, for example a pronoun from the name it refers to.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Decoder self-attention&lt;/b&gt; (English → English): each English piece being written looks at the English
already written (only to the left: the future is masked).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Cross-attention&lt;/b&gt; (English → Korean): each English piece looks at the Korean pieces it translates. This
is the closest thing to a word alignment.&lt;/li&gt;
&lt;/ul&gt;
&lt;h3&gt;Heads and layers&lt;/h3&gt;
&lt;p&gt;Each layer has several &lt;b&gt;heads&lt;/b&gt;, each with its own Q, K and V projections, so each learns to look for a
different relation: the previous word, the verb of a clause, the matching noun, the end of the sentence. That is
why heads differ, and why their average is smoother than any one of them. Lower layers tend to attend to
neighbours, higher layers to more distant, meaning-related pieces.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Rollout&lt;/b&gt; follows attention through all layers at once: the heads are averaged, the residual connection is
added as half of each row, and the layers are multiplied. For cross-attention, the rollout traces the encoder&apos;s
output back to the Korean input pieces.&lt;/p&gt;
&lt;h3&gt;Pieces&lt;/h3&gt;
&lt;p&gt;The model reads and writes SentencePiece pieces, not words. SentencePiece marks the start of a word with
&lt;b&gt;▁&lt;/b&gt; (U+2581): in &lt;code&gt;▁고양이 가&lt;/code&gt; the first piece begins a word and the second continues it. Here the
▁ is left out and a piece that continues a word starts with “·” instead (&lt;code&gt;고양이 ·가&lt;/code&gt;), so word starts stay
visible; a piece that is ▁ alone (a word start whose letters come in the next pieces) is shown as “␣”. Exported
traces (JSON) and &lt;code&gt;hanyeong translate --explain&lt;/code&gt; keep the ▁. &lt;code&gt;&amp;lt;/s&amp;gt;&lt;/code&gt; ends a sentence;
&lt;code&gt;&amp;lt;s&amp;gt;&lt;/code&gt; is the decoder&apos;s start. Rare characters may appear as byte pieces such as
&lt;code&gt;&amp;lt;0xEB&amp;gt;&lt;/code&gt;.&lt;/p&gt;
&lt;p&gt;Attention shows where the model looks, not why it decides: treat it as a clue, not as an explanation.&lt;/p&gt;
</source>
        <translation>
&lt;h3&gt;무엇을 보고 있나요&lt;/h3&gt;
&lt;p&gt;이 번역기는 트랜스포머입니다. 각 층에서 텍스트의 각 조각은 다른 조각들을 보고 거기서 정보를 가져옵니다.
각 조각에서 얼마나 가져오는지가 &lt;b&gt;어텐션&lt;/b&gt;입니다. 히트맵의 한 행이 한 조각의 어텐션이며, 행의 값을 모두 더하면 1입니다.
색이 진할수록 더 많이 주목한다는 뜻입니다.&lt;/p&gt;
&lt;p&gt;헤드마다, 보는 쪽 조각의 질의 벡터 &lt;i&gt;Q&lt;/i&gt;를 볼 수 있는 모든 조각의 키 벡터 &lt;i&gt;K&lt;/i&gt;와 비교합니다:&lt;/p&gt;
&lt;p align=&quot;center&quot;&gt;&lt;b&gt;attention = softmax(Q&amp;nbsp;K&lt;sup&gt;T&lt;/sup&gt; / √d&lt;sub&gt;k&lt;/sub&gt;)&lt;/b&gt;&lt;/p&gt;
&lt;p&gt;내적은 각 키가 질의와 얼마나 잘 맞는지를 나타냅니다. √d&lt;sub&gt;k&lt;/sub&gt;(헤드 벡터의 크기)로 나누면 softmax가
포화되지 않는 범위에 값이 머뭅니다. softmax는 이 값을 합이 1인 가중치로 바꿉니다. 출력은 값 벡터 &lt;i&gt;V&lt;/i&gt;의 가중합입니다.&lt;/p&gt;
&lt;h3&gt;세 가지 어텐션&lt;/h3&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;인코더 셀프 어텐션&lt;/b&gt; (한국어 → 한국어): 한국어를 읽으면서 각 조각이 다른 한국어 조각에서 문맥을 모읍니다.
예를 들어 대명사는 가리키는 이름에서 정보를 가져옵니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;디코더 셀프 어텐션&lt;/b&gt; (영어 → 영어): 새로 쓰는 영어 조각이 이미 쓴 영어를 봅니다(왼쪽만 봅니다. 미래는 가려져 있습니다).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;교차 어텐션&lt;/b&gt; (영어 → 한국어): 각 영어 조각이 자신이 번역하는 한국어 조각을 봅니다. 단어 정렬에 가장 가까운 것입니다.&lt;/li&gt;
&lt;/ul&gt;
&lt;h3&gt;헤드와 층&lt;/h3&gt;
&lt;p&gt;각 층에는 여러 &lt;b&gt;헤드&lt;/b&gt;가 있고, 헤드마다 Q, K, V 투영이 따로 있어서 서로 다른 관계를 찾도록 학습됩니다:
바로 앞 단어, 절의 동사, 맞는 명사, 문장의 끝 같은 것들입니다. 그래서 헤드마다 모양이 다르고, 평균은 어느 한 헤드보다
부드럽습니다. 아래층은 가까운 이웃을, 위층은 더 멀리 있는 의미상 관련된 조각을 보는 경향이 있습니다.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;롤아웃&lt;/b&gt;은 모든 층의 어텐션을 한꺼번에 따라갑니다. 헤드를 평균하고, 잔차 연결을 각 행의 절반으로 더한 뒤,
층들을 곱합니다. 교차 어텐션의 롤아웃은 인코더 출력을 한국어 입력 조각까지 거슬러 올라갑니다.&lt;/p&gt;
&lt;h3&gt;조각&lt;/h3&gt;
&lt;p&gt;모델은 단어가 아니라 SentencePiece 조각을 읽고 씁니다. SentencePiece는 단어의 시작을 &lt;b&gt;▁&lt;/b&gt;(U+2581)로
표시합니다. &lt;code&gt;▁고양이 가&lt;/code&gt;에서 첫 조각은 단어를 시작하고 둘째 조각은 그 단어를 잇습니다. 여기서는 ▁를 빼고,
단어를 잇는 조각 앞에 “·”를 붙여(&lt;code&gt;고양이 ·가&lt;/code&gt;) 단어의 시작이 보이게 합니다. ▁ 하나뿐인 조각(글자는 다음
조각들에 오는 단어의 시작)은 “␣”로 나타냅니다. 내보낸 추적(JSON)과 &lt;code&gt;hanyeong translate --explain&lt;/code&gt;에는 ▁가
그대로 남습니다. &lt;code&gt;&amp;lt;/s&amp;gt;&lt;/code&gt;는 문장의 끝, &lt;code&gt;&amp;lt;s&amp;gt;&lt;/code&gt;는 디코더의 시작입니다. 드문 글자는
&lt;code&gt;&amp;lt;0xEB&amp;gt;&lt;/code&gt; 같은 바이트 조각으로 나타날 수 있습니다.&lt;/p&gt;
&lt;p&gt;어텐션은 모델이 어디를 보는지를 보여 줄 뿐, 왜 그렇게 판단하는지를 설명하지는 않습니다. 설명이 아니라 단서로 보세요.&lt;/p&gt;
</translation>
    </message>
</context>
<context>
    <name>DecodingCanvas</name>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="235"/>
        <source>Beam {0}</source>
        <translation>빔 {0}</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="235"/>
        <source>Greedy</source>
        <translation>탐욕 탐색</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="240"/>
        <source>log P = {0:.2f}, score = {1:.2f}</source>
        <translation>log P = {0:.2f}, 점수 = {1:.2f}</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="241"/>
        <source>log P = {0:.2f}</source>
        <translation>log P = {0:.2f}</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="249"/>
        <source>Beam, step {0}</source>
        <translation>빔, {0}단계</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="250"/>
        <source>Greedy, step {0}</source>
        <translation>탐욕 탐색, {0}단계</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="251"/>
        <source>after “{0}”</source>
        <translation>“{0}” 다음</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="251"/>
        <source>first piece</source>
        <translation>첫 조각</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="258"/>
        <source>finished before this step</source>
        <translation>이 단계 전에 끝남</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="261"/>
        <source>red: the piece the sentence took · colour: also kept by the beam · grey: dropped</source>
        <translation>빨강: 문장이 고른 조각 · 색: 빔이 함께 남긴 것 · 회색: 버린 것</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="269"/>
        <source>Step {0} looks at the Korean: cross-attention, layer {1}, average of the heads</source>
        <translation>{0}단계가 보는 한국어: 교차 어텐션, {1}층, 헤드 평균</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="285"/>
        <source>The beam: kept hypotheses (boxed, cumulative log P), the best pruned ones (faded), the winner&apos;s path highlighted</source>
        <translation>빔: 남긴 가설(상자, 누적 log P), 잘라 낸 가설 중 가장 좋은 것(흐리게), 이긴 문장의 경로(강조)</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="293"/>
        <source>Finished hypotheses, best first: score = log P / ((5 + |Y|) / 6)^α, α = {0}</source>
        <translation>끝난 가설, 좋은 순서: 점수 = log P / ((5 + |Y|) / 6)^α, α = {0}</translation>
    </message>
</context>
<context>
    <name>DecodingView</name>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="424"/>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="427"/>
        <source>Image (PNG)…</source>
        <translation>이미지(PNG)…</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="428"/>
        <source>Image (SVG)…</source>
        <translation>이미지(SVG)…</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="429"/>
        <source>Trace (JSON)…</source>
        <translation>탐색 기록(JSON)…</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="451"/>
        <source>Translate some Korean text, then pick a sentence, to see how its English was chosen.</source>
        <translation>한국어를 번역한 뒤 문장을 고르면 그 영어가 어떻게 선택되었는지 볼 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="474"/>
        <source>Beam and greedy search agree here. Click a piece (or a column of the beam) to see that step.</source>
        <translation>여기서는 빔 탐색과 탐욕 탐색의 결과가 같습니다. 조각(또는 빔의 열)을 누르면 그 단계를 봅니다.</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="477"/>
        <source>Beam and greedy search disagree: the beam&apos;s sentence has log P {0:.2f}, greedy&apos;s {1:.2f}. Click a piece (or a column of the beam) to see that step.</source>
        <translation>빔 탐색과 탐욕 탐색의 결과가 다릅니다: 빔 문장의 log P는 {0:.2f}, 탐욕 문장은 {1:.2f}입니다. 조각(또는 빔의 열)을 누르면 그 단계를 봅니다.</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="499"/>
        <source>Step {0}</source>
        <translation>{0}단계</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="558"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="558"/>
        <source>SVG image (*.svg)</source>
        <translation>SVG 이미지 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="559"/>
        <source>JSON file (*.json)</source>
        <translation>JSON 파일 (*.json)</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="562"/>
        <source>Export decoding</source>
        <translation>디코딩 내보내기</translation>
    </message>
    <message>
        <location filename="../../views/attention/decoding_view.py" line="571"/>
        <source>Could not export: {0}</source>
        <translation>내보낼 수 없습니다: {0}</translation>
    </message>
</context>
<context>
    <name>Examples</name>
    <message>
        <source>Pronoun: 그녀 looks back at 아이유</source>
        <translation type="vanished">대명사: 그녀가 아이유를 돌아본다</translation>
    </message>
    <message>
        <location filename="../../views/attention/examples.py" line="32"/>
        <source>Pronoun: 그녀 looks back at 아이유 (with the term 아이유 → IU)</source>
        <translation>대명사: 그녀가 아이유를 돌아본다 (용어 아이유 → IU 사용)</translation>
    </message>
    <message>
        <location filename="../../views/attention/examples.py" line="35"/>
        <source>This example uses the term 아이유 → IU: the name becomes the slot {0}, which the model copies, and then IU. Without the term the model reads 아이유 as 아이 (“child”): “The child was born in 1993.” Your own terms: Settings ▸ Terms.</source>
        <translation>이 예시는 용어 아이유 → IU를 사용합니다. 이름은 모델이 그대로 옮기는 자리 표시자 {0}가 되고, 그다음 IU로 바뀝니다. 용어가 없으면 모델은 아이유를 아이(“child”)로 읽어 “The child was born in 1993.”라고 옮깁니다. 내 용어: 설정 ▸ 용어.</translation>
    </message>
    <message>
        <location filename="../../views/attention/examples.py" line="39"/>
        <source>Word order: the verb comes last</source>
        <translation>어순: 동사는 맨 끝에</translation>
    </message>
    <message>
        <location filename="../../views/attention/examples.py" line="41"/>
        <source>Particles mark who does what</source>
        <translation>조사가 역할을 표시한다</translation>
    </message>
    <message>
        <location filename="../../views/attention/examples.py" line="42"/>
        <source>Negation at the end</source>
        <translation>문장 끝의 부정</translation>
    </message>
    <message>
        <location filename="../../views/attention/examples.py" line="43"/>
        <source>Honorific speech</source>
        <translation>높임말</translation>
    </message>
    <message>
        <location filename="../../views/attention/examples.py" line="44"/>
        <source>Numbers and counters</source>
        <translation>수와 단위 명사</translation>
    </message>
    <message>
        <location filename="../../views/attention/examples.py" line="45"/>
        <source>A question</source>
        <translation>의문문</translation>
    </message>
    <message>
        <location filename="../../views/attention/examples.py" line="46"/>
        <source>A long sentence</source>
        <translation>긴 문장</translation>
    </message>
    <message>
        <source>The three steps of attention: 그녀 attends to 아이유, head by head</source>
        <translation>어텐션의 세 단계: 그녀가 아이유를 보는 과정, 헤드별로</translation>
    </message>
    <message>
        <source>그녀&apos;s query against every key, with the model&apos;s numbers: the largest dot product becomes the largest weight. Click the heads 1–4 (or their columns) to see the same steps in each head.</source>
        <translation>그녀의 쿼리를 모든 키와 비교한 값을 모델의 실제 숫자로 보여 줍니다: 내적이 가장 큰 키가 가장 큰 가중치를 받습니다. 헤드 1–4(또는 그 열)를 누르면 각 헤드에서 같은 단계를 볼 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>FileTranslation</name>
    <message>
        <location filename="../../views/file_translation.py" line="33"/>
        <source>Translate a Text File</source>
        <translation>텍스트 파일 번역</translation>
    </message>
    <message>
        <location filename="../../views/file_translation.py" line="35"/>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>텍스트 파일 (*.txt);;모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../../views/file_translation.py" line="40"/>
        <source>Save the Translation As</source>
        <translation>번역 저장 위치</translation>
    </message>
    <message>
        <location filename="../../views/file_translation.py" line="41"/>
        <location filename="../../views/file_translation.py" line="64"/>
        <source>Text files (*.txt)</source>
        <translation>텍스트 파일 (*.txt)</translation>
    </message>
    <message>
        <location filename="../../views/file_translation.py" line="47"/>
        <source>Choose a different file for the translation: the original is never overwritten.</source>
        <translation>번역은 다른 파일에 저장하세요. 원본은 덮어쓰지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../views/file_translation.py" line="51"/>
        <source>The model is still loading.</source>
        <translation>모델을 아직 불러오는 중입니다.</translation>
    </message>
    <message>
        <location filename="../../views/file_translation.py" line="52"/>
        <source>No model is loaded.</source>
        <translation>불러온 모델이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../views/file_translation.py" line="55"/>
        <source>Translating {0}…</source>
        <translation>{0} 번역 중…</translation>
    </message>
    <message>
        <location filename="../../views/file_translation.py" line="63"/>
        <source>Save Translation As</source>
        <translation>번역을 다른 이름으로 저장</translation>
    </message>
    <message>
        <location filename="../../views/file_translation.py" line="70"/>
        <source>Could not save: {0}</source>
        <translation>저장하지 못했습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../views/file_translation.py" line="73"/>
        <location filename="../../views/file_translation.py" line="85"/>
        <source>Translation saved to {0}</source>
        <translation>번역을 {0}에 저장했습니다</translation>
    </message>
    <message>
        <location filename="../../views/file_translation.py" line="89"/>
        <source>File translation cancelled.</source>
        <translation>파일 번역을 취소했습니다.</translation>
    </message>
    <message>
        <location filename="../../views/file_translation.py" line="93"/>
        <source>Translation failed: {0}</source>
        <translation>번역하지 못했습니다: {0}</translation>
    </message>
</context>
<context>
    <name>Formulas</name>
    <message>
        <location filename="../../views/attention/formulas.py" line="103"/>
        <source>Each row of the heatmap is one query&apos;s softmax: its dot products with every key, divided by √d&lt;sub&gt;k&lt;/sub&gt;, turned into weights that sum to 1; the head&apos;s output is the weighted sum of the values &lt;i&gt;V&lt;/i&gt;.</source>
        <translation>히트맵의 각 행은 쿼리 하나의 소프트맥스입니다: 모든 키와의 내적을 √d&lt;sub&gt;k&lt;/sub&gt;로 나누어 합이 1인 가중치로 바꾼 것이며, 헤드의 출력은 값 &lt;i&gt;V&lt;/i&gt;의 가중합입니다.</translation>
    </message>
    <message>
        <location filename="../../views/attention/formulas.py" line="110"/>
        <source>Added to each piece&apos;s embedding, so that the model knows where the piece is: even dimensions are sines, odd ones cosines, each pair with its own wavelength, from 2π up to 10000·2π positions.</source>
        <translation>각 조각의 임베딩에 더해져 모델이 조각의 위치를 알게 합니다: 짝수 차원은 사인, 홀수 차원은 코사인이며, 각 쌍의 파장은 2π에서 10000·2π 위치까지 서로 다릅니다.</translation>
    </message>
    <message>
        <location filename="../../views/attention/formulas.py" line="117"/>
        <source>The beam keeps the &lt;i&gt;k&lt;/i&gt; partial sentences with the highest log-probability at each step; the finished ones are then compared by this score, so that a longer sentence is not ruled out for having more probabilities multiplied. α is the length penalty.</source>
        <translation>빔은 단계마다 로그 확률이 가장 높은 부분 문장 &lt;i&gt;k&lt;/i&gt;개를 남깁니다. 끝난 문장들은 이 점수로 비교하므로, 곱한 확률이 더 많다는 이유만으로 긴 문장이 밀려나지 않습니다. α는 길이 벌점입니다.</translation>
    </message>
    <message>
        <source>The three steps of one head for one query, with the model&apos;s own numbers: each piece becomes a query, a key and a value by a matrix product; the query&apos;s dot product with each key, divided by √d&lt;sub&gt;k&lt;/sub&gt; and put through a softmax, gives the weights (the heatmap&apos;s row); the values summed with those weights are the head&apos;s output.</source>
        <translation>쿼리 하나에 대한 헤드 하나의 세 단계를 모델의 실제 숫자로 보여 줍니다: 각 조각은 행렬 곱으로 쿼리, 키, 값이 됩니다. 쿼리와 각 키의 내적을 √d&lt;sub&gt;k&lt;/sub&gt;로 나누고 소프트맥스를 거치면 가중치(히트맵의 행)가 됩니다. 그 가중치로 값을 더한 것이 헤드의 출력입니다.</translation>
    </message>
    <message>
        <source>Rollout follows attention through all layers: each layer&apos;s heads are averaged (&lt;i&gt;Ā&lt;/i&gt;), half of each row stays on the piece itself for the residual connection, and the layers are multiplied, the first applied first. For cross-attention, the decoder layers&apos; average is multiplied by the encoder&apos;s rollout, so that it reaches the Korean input pieces.</source>
        <translation>롤아웃은 모든 층에 걸친 어텐션을 따라갑니다: 층마다 헤드를 평균하고(&lt;i&gt;Ā&lt;/i&gt;), 잔차 연결을 위해 각 행의 절반은 그 조각 자신에 남기며, 층들을 첫 층부터 차례로 곱합니다. 교차 어텐션에서는 디코더 층들의 평균에 인코더의 롤아웃을 곱해 한국어 입력 조각까지 이어지게 합니다.</translation>
    </message>
</context>
<context>
    <name>HeatmapCanvas</name>
    <message>
        <location filename="../../views/attention/heatmap.py" line="175"/>
        <source>Head {0}</source>
        <translation>헤드 {0}</translation>
    </message>
    <message>
        <location filename="../../views/attention/heatmap.py" line="197"/>
        <source>Korean pieces</source>
        <translation>한국어 조각</translation>
    </message>
    <message>
        <location filename="../../views/attention/heatmap.py" line="197"/>
        <source>English pieces</source>
        <translation>영어 조각</translation>
    </message>
    <message>
        <location filename="../../views/attention/heatmap.py" line="198"/>
        <source> (query)</source>
        <translation> (질의)</translation>
    </message>
    <message>
        <location filename="../../views/attention/heatmap.py" line="199"/>
        <source> (attended to)</source>
        <translation> (주목 대상)</translation>
    </message>
</context>
<context>
    <name>LectureTabs</name>
    <message>
        <location filename="../../views/attention/lecture.py" line="35"/>
        <source>Decoding</source>
        <translation>디코딩</translation>
    </message>
    <message>
        <location filename="../../views/attention/lecture.py" line="36"/>
        <source>Positions</source>
        <translation>위치</translation>
    </message>
    <message>
        <location filename="../../views/attention/lecture.py" line="77"/>
        <source>Translate some Korean text, then pick a sentence, to see how its English was chosen.</source>
        <translation>한국어를 번역한 뒤 문장을 고르면 그 영어가 어떻게 선택되었는지 볼 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../views/attention/lecture.py" line="82"/>
        <source>The decoding view explains one sentence at a time: pick a sentence rather than a whole line.</source>
        <translation>디코딩 보기는 한 번에 한 문장을 설명합니다: 줄 전체가 아니라 문장을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../views/attention/lecture.py" line="93"/>
        <source>No model is loaded.</source>
        <translation>불러온 모델이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../views/attention/lecture.py" line="95"/>
        <source>Following the search step by step…</source>
        <translation>탐색을 단계별로 따라가는 중…</translation>
    </message>
    <message>
        <location filename="../../views/attention/lecture.py" line="151"/>
        <source>Could not follow the search: {0}</source>
        <translation>탐색을 따라갈 수 없습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../views/attention/lecture.py" line="162"/>
        <source>The positional encoding is shown once a model is loaded.</source>
        <translation>모델을 불러오면 위치 인코딩이 표시됩니다.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../views/main_window.py" line="138"/>
        <source>C&amp;lear</source>
        <translation>지우기(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="129"/>
        <location filename="../../views/main_window.py" line="198"/>
        <source>&amp;Translate</source>
        <translation>번역(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="182"/>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="97"/>
        <source>History</source>
        <translation>기록</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="131"/>
        <source>Translate as You &amp;Type</source>
        <translation>입력하면서 번역(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="133"/>
        <source>&amp;Cancel Translation</source>
        <translation>번역 취소(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="136"/>
        <source>Copy &amp;Translation</source>
        <translation>번역 복사(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="139"/>
        <source>Translate &amp;File…</source>
        <translation>파일 번역(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="141"/>
        <source>&amp;Save Translation As…</source>
        <translation>번역을 다른 이름으로 저장(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="143"/>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="144"/>
        <source>&amp;Settings…</source>
        <translation>설정(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="146"/>
        <source>&amp;Train a Model…</source>
        <translation>모델 학습(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="148"/>
        <source>T&amp;erms…</source>
        <translation>용어(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="151"/>
        <source>&amp;Attention Panel</source>
        <translation>어텐션 패널(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="154"/>
        <source>&amp;History</source>
        <translation>기록(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="156"/>
        <source>Go to &amp;Korean Text</source>
        <translation>한국어 텍스트로 이동(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="158"/>
        <source>Go to &amp;English Text</source>
        <translation>영어 텍스트로 이동(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="160"/>
        <source>Clear Hi&amp;story</source>
        <translation>기록 지우기(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="161"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>단축키(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="163"/>
        <source>How &amp;Attention Works</source>
        <translation>어텐션 작동 원리(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="165"/>
        <source>&amp;About Hanyeong</source>
        <translation>한영 정보(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="169"/>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="175"/>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="178"/>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="179"/>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="181"/>
        <source>Cu&amp;t</source>
        <translation>잘라내기(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="183"/>
        <source>&amp;Paste</source>
        <translation>붙여넣기(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="184"/>
        <source>Select &amp;All</source>
        <translation>모두 선택(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="205"/>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="214"/>
        <source>E&amp;xamples</source>
        <translation>예문(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="221"/>
        <source>T&amp;ools</source>
        <translation>도구(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="226"/>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="274"/>
        <source>Saved {0}</source>
        <translation>{0}에 저장했습니다</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="310"/>
        <source>Settings not saved: {0}</source>
        <translation>설정을 저장하지 못했습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="343"/>
        <source>Type or paste some Korean text to translate.</source>
        <translation>번역할 한국어를 입력하거나 붙여 넣으세요.</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="346"/>
        <source>There is no Korean (Hangul) in the text, so there is nothing to translate.</source>
        <translation>텍스트에 한글이 없어서 번역할 것이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="354"/>
        <source>The model is still loading; the text will be translated when it is ready.</source>
        <translation>모델을 아직 불러오는 중입니다. 준비되면 번역합니다.</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="365"/>
        <source>Translating {0} sentences…</source>
        <translation>문장 {0}개 번역 중…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="367"/>
        <source>Translating…</source>
        <translation>번역 중…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="379"/>
        <source>Dotted underline: low confidence ({0})</source>
        <translation>점선 밑줄: 낮은 신뢰도 ({0})</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="419"/>
        <source>Translated 1 sentence in {1:.1f} s</source>
        <translation>문장 1개를 {1:.1f}초에 번역했습니다</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="420"/>
        <source>Translated {0} sentences in {1:.1f} s</source>
        <translation>문장 {0}개를 {1:.1f}초에 번역했습니다</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="426"/>
        <source>Translation cancelled.</source>
        <translation>번역을 취소했습니다.</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="428"/>
        <source>cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="437"/>
        <source>Translation failed: {0}</source>
        <translation>번역하지 못했습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="457"/>
        <source>Translation copied.</source>
        <translation>번역을 복사했습니다.</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="515"/>
        <source>Restored from history. Translate again to inspect its attention.</source>
        <translation>기록에서 복원했습니다. 어텐션을 보려면 다시 번역하세요.</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="522"/>
        <source>no model is loaded</source>
        <translation>불러온 모델이 없습니다</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="576"/>
        <source>Training…</source>
        <translation>학습 중…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="582"/>
        <source>Training: step {0} of {1}</source>
        <translation>학습: {1}단계 중 {0}단계</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="584"/>
        <source>Training: exporting the new model…</source>
        <translation>학습: 새 모델을 내보내는 중…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="586"/>
        <source>Training: scoring, {0} of {1} sentences</source>
        <translation>학습: 채점 중, {1}문장 중 {0}문장</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="591"/>
        <source>Training finished: the new model is ready in Settings ▸ Training.</source>
        <translation>학습이 끝났습니다. 새 모델은 설정 ▸ 학습에서 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="592"/>
        <source>Training stopped; it can be resumed from Settings ▸ Training.</source>
        <translation>학습을 멈췄습니다. 설정 ▸ 학습에서 이어서 할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="593"/>
        <source>Training failed: {0}</source>
        <translation>학습하지 못했습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="613"/>
        <source>Keyboard Shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="617"/>
        <source>About Hanyeong</source>
        <translation>한영 정보</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="618"/>
        <source>&lt;h3&gt;Hanyeong 한영&lt;/h3&gt;&lt;p&gt;Offline Korean → English translation with a Transformer you can inspect and retrain.&lt;/p&gt;&lt;p&gt;Model: {0}&lt;/p&gt;&lt;p&gt;Korean font: NanumGothic (SIL Open Font License).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Hanyeong 한영&lt;/h3&gt;&lt;p&gt;들여다보고 다시 학습할 수 있는 트랜스포머로 하는 오프라인 한국어 → 영어 번역.&lt;/p&gt;&lt;p&gt;모델: {0}&lt;/p&gt;&lt;p&gt;한글 글꼴: 나눔고딕 (SIL Open Font License).&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="620"/>
        <source>none loaded</source>
        <translation>불러오지 않음</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="631"/>
        <source>Stop Training?</source>
        <translation>학습을 멈출까요?</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="632"/>
        <source>A model is being trained. Quitting stops it at its next step; its progress is saved and you can resume it later from Settings ▸ Training.

Stop training and quit?</source>
        <translation>모델을 학습하는 중입니다. 끝내면 다음 단계에서 멈추고 진행 상황을 저장하며, 나중에 설정 ▸ 학습에서 이어서 할 수 있습니다.

학습을 멈추고 끝낼까요?</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="638"/>
        <source>Stopping the training run…</source>
        <translation>학습을 멈추는 중…</translation>
    </message>
    <message>
        <source>Translation cancelled: the English of {0} of {1} sentences is kept.</source>
        <translation>번역을 취소했습니다: 문장 {1}개 중 {0}개의 영어는 남겨 둡니다.</translation>
    </message>
</context>
<context>
    <name>ModelStatus</name>
    <message>
        <source>{0} · dev BLEU {1:.1f} · chrF {2:.1f}</source>
        <translation type="vanished">{0} · 개발셋 BLEU {1:.1f} · chrF {2:.1f}</translation>
    </message>
    <message>
        <location filename="../../views/model_status.py" line="61"/>
        <source>{0} · mean dev BLEU {1} · chrF {2}</source>
        <translation>{0} · 개발 세트 평균 BLEU {1} · chrF {2}</translation>
    </message>
    <message>
        <location filename="../../views/model_status.py" line="63"/>
        <source>{0} · not scored</source>
        <translation>{0} · 평가 안 됨</translation>
    </message>
    <message>
        <location filename="../../views/model_status.py" line="70"/>
        <source>Loading model…</source>
        <translation>모델을 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../views/model_status.py" line="78"/>
        <source>Dev scores: the mean over {0}.</source>
        <translation>개발 세트 점수: {0}의 평균.</translation>
    </message>
    <message>
        <location filename="../../views/model_status.py" line="79"/>
        <source>{0}
Click to choose another model</source>
        <translation>{0}
다른 모델을 고르려면 클릭하세요</translation>
    </message>
    <message>
        <location filename="../../views/model_status.py" line="85"/>
        <source>Model ready: {0}</source>
        <translation>모델 준비됨: {0}</translation>
    </message>
    <message>
        <location filename="../../views/model_status.py" line="91"/>
        <source>The model {0} could not be loaded, so the shipped model is used: {1}</source>
        <translation>모델 {0}을(를) 불러올 수 없어 기본 제공 모델을 사용합니다: {1}</translation>
    </message>
    <message>
        <location filename="../../views/model_status.py" line="98"/>
        <source>No translation model is installed yet (expected in {0}). Choose or train one in Tools ▸ Settings ▸ Model.</source>
        <translation>아직 번역 모델이 설치되지 않았습니다({0}에 있어야 합니다). 도구 ▸ 설정 ▸ 모델에서 모델을 고르거나 학습하세요.</translation>
    </message>
    <message>
        <location filename="../../views/model_status.py" line="101"/>
        <source>The model could not be loaded: {0}</source>
        <translation>모델을 불러오지 못했습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../views/model_status.py" line="102"/>
        <source>No model</source>
        <translation>모델 없음</translation>
    </message>
    <message>
        <location filename="../../views/model_status.py" line="74"/>
        <source>{0} · BLEU {1} · chrF {2} on {3} lines per dev set</source>
        <translation>{0} · 개발 세트마다 {3}줄에서 BLEU {1} · chrF {2}</translation>
    </message>
    <message>
        <location filename="../../views/model_status.py" line="93"/>
        <source>Dev scores: the mean over the first {0} lines of {1}.</source>
        <translation>개발 세트 점수: {1}의 처음 {0}줄에서 낸 평균.</translation>
    </message>
    <message>
        <location filename="../../views/model_status.py" line="97"/>
        <source>Its base {0} on the same lines: BLEU {1} · chrF {2}.</source>
        <translation>같은 줄에서 기준 모델 {0}: BLEU {1} · chrF {2}.</translation>
    </message>
</context>
<context>
    <name>OutputView</name>
    <message>
        <location filename="../../views/editors.py" line="173"/>
        <source>Confidence: {0:.0%}</source>
        <translation>신뢰도: {0:.0%}</translation>
    </message>
    <message>
        <location filename="../../views/editors.py" line="175"/>
        <source>Check this sentence: {0}</source>
        <translation>이 문장을 확인하세요: {0}</translation>
    </message>
    <message>
        <location filename="../../views/editors.py" line="177"/>
        <source> (low: check this sentence)</source>
        <translation> (낮음: 이 문장을 확인하세요)</translation>
    </message>
</context>
<context>
    <name>PositionalCanvas</name>
    <message>
        <location filename="../../views/attention/positional_view.py" line="55"/>
        <source>PE: {0} positions × {1} dimensions</source>
        <translation>PE: 위치 {0}개 × 차원 {1}개</translation>
    </message>
    <message>
        <location filename="../../views/attention/positional_view.py" line="57"/>
        <source>dimension (even: sin, odd: cos)</source>
        <translation>차원 (짝수: sin, 홀수: cos)</translation>
    </message>
    <message>
        <location filename="../../views/attention/positional_view.py" line="58"/>
        <source>position</source>
        <translation>위치</translation>
    </message>
    <message>
        <location filename="../../views/attention/positional_view.py" line="63"/>
        <source>PE(p) · PE(q): similarity between positions</source>
        <translation>PE(p) · PE(q): 위치 사이의 유사도</translation>
    </message>
    <message>
        <location filename="../../views/attention/positional_view.py" line="65"/>
        <source>position q</source>
        <translation>위치 q</translation>
    </message>
    <message>
        <location filename="../../views/attention/positional_view.py" line="66"/>
        <source>position p</source>
        <translation>위치 p</translation>
    </message>
</context>
<context>
    <name>PositionalView</name>
    <message>
        <location filename="../../views/attention/positional_view.py" line="95"/>
        <source>The positional encoding is shown once a model is loaded.</source>
        <translation>모델을 불러오면 위치 인코딩이 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../views/attention/positional_view.py" line="109"/>
        <source>No model is loaded.</source>
        <translation>불러온 모델이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../views/attention/positional_view.py" line="116"/>
        <source>The model adds row &lt;i&gt;pos&lt;/i&gt; of the left matrix to the embedding of the piece at position &lt;i&gt;pos&lt;/i&gt; (d_model = {1}, positions 0–{0}). The dot product of two rows depends only on how far apart the positions are (strongest along the diagonal), which lets attention find relative positions.</source>
        <translation>모델은 왼쪽 행렬의 &lt;i&gt;pos&lt;/i&gt;번째 행을 위치 &lt;i&gt;pos&lt;/i&gt;에 있는 조각의 임베딩에 더합니다(d_model = {1}, 위치 0–{0}). 두 행의 내적은 두 위치가 얼마나 떨어져 있는지에만 달려 있으며(대각선에서 가장 강함), 덕분에 어텐션이 상대 위치를 찾을 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../views/settings/dialog.py" line="32"/>
        <source>Hanyeong Settings</source>
        <translation>한영 설정</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="45"/>
        <source>General</source>
        <translation>일반</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="46"/>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="47"/>
        <source>Decoding</source>
        <translation>디코딩</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="53"/>
        <source>Terms</source>
        <translation>용어</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="54"/>
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="56"/>
        <location filename="../../views/settings/dialog.py" line="213"/>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="84"/>
        <source>System language</source>
        <translation>시스템 언어</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="88"/>
        <source>The new language is used the next time Hanyeong starts.</source>
        <translation>바꾼 언어는 한영을 다시 시작하면 적용됩니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="92"/>
        <source>Follow the system</source>
        <translation>시스템 설정 따르기</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="93"/>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="94"/>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="96"/>
        <source>Translate as you type</source>
        <translation>입력하면서 번역</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="98"/>
        <source>&amp;Language:</source>
        <translation>언어(&amp;L):</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="100"/>
        <source>&amp;Appearance:</source>
        <translation>모양(&amp;A):</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="139"/>
        <source>Open Model &amp;Folder…</source>
        <translation>모델 폴더 열기(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="140"/>
        <source>&amp;Import Model Archive…</source>
        <translation>모델 압축 파일 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="174"/>
        <source>{0} · mean dev BLEU {1} · chrF {2}</source>
        <translation>{0} · 개발 세트 평균 BLEU {1} · chrF {2}</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="286"/>
        <source>Import a Model Archive</source>
        <translation>모델 압축 파일 가져오기</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="287"/>
        <source>Model archives (*.zip *.tar *.tar.gz *.tgz *.tar.bz2 *.tar.xz)</source>
        <translation>모델 압축 파일 (*.zip *.tar *.tar.gz *.tgz *.tar.bz2 *.tar.xz)</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="293"/>
        <source>Model Not Imported</source>
        <translation>모델을 가져오지 않음</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="294"/>
        <source>The archive was refused and nothing was installed:

{0}</source>
        <translation>압축 파일이 거부되어 아무것도 설치하지 않았습니다:

{0}</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="141"/>
        <source>&amp;Delete…</source>
        <translation>삭제(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="142"/>
        <source>&amp;Use This Model</source>
        <translation>이 모델 사용(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="164"/>
        <source>shipped</source>
        <translation>기본 제공</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="166"/>
        <source>in use</source>
        <translation>사용 중</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="168"/>
        <source>unavailable</source>
        <translation>사용 불가</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="170"/>
        <source>opened from a folder</source>
        <translation>폴더에서 연 모델</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="171"/>
        <location filename="../../views/settings/dialog.py" line="208"/>
        <source>Shipped model</source>
        <translation>기본 제공 모델</translation>
    </message>
    <message>
        <source>{0} · BLEU {1:.1f} · chrF {2:.1f}</source>
        <translation type="vanished">{0} · BLEU {1:.1f} · chrF {2:.1f}</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="176"/>
        <source>not scored</source>
        <translation>평가 안 됨</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="205"/>
        <source>The shipped model is not installed (expected in {0}).</source>
        <translation>기본 제공 모델이 설치되지 않았습니다({0}에 있어야 합니다).</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="207"/>
        <source>This model cannot be used: {0}</source>
        <translation>이 모델은 쓸 수 없습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="211"/>
        <source>Created</source>
        <translation>만든 날짜</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="211"/>
        <source>Folder</source>
        <translation>폴더</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="211"/>
        <source>Fine-tuned from</source>
        <translation>미세 조정 원본</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="212"/>
        <source>Dev scores</source>
        <translation>개발셋 점수</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="212"/>
        <source>Not scored on a dev set.</source>
        <translation>개발셋으로 평가하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="213"/>
        <source>pairs</source>
        <translation>쌍</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="213"/>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="214"/>
        <source>Earlier versions</source>
        <translation>이전 버전</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="234"/>
        <source>Layers</source>
        <translation>층</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="235"/>
        <source>Model size</source>
        <translation>모델 크기</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="235"/>
        <source>d={0}, {1} heads</source>
        <translation>d={0}, 헤드 {1}개</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="237"/>
        <source>Steps</source>
        <translation>단계</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="238"/>
        <source>Training time</source>
        <translation>학습 시간</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="238"/>
        <source>{0} min</source>
        <translation>{0}분</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="239"/>
        <source>Hardware</source>
        <translation>하드웨어</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="263"/>
        <source>Delete Model?</source>
        <translation>모델을 삭제할까요?</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="264"/>
        <source>Delete the model “{0}” and its files? This cannot be undone.</source>
        <translation>모델 “{0}”과(와) 그 파일을 삭제할까요? 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="271"/>
        <source>Cannot Delete</source>
        <translation>삭제할 수 없음</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="274"/>
        <source>Open a Model Folder</source>
        <translation>모델 폴더 열기</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="277"/>
        <source>Not a Model</source>
        <translation>모델이 아님</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="278"/>
        <source>{0} does not hold a Hanyeong model (no card.json).</source>
        <translation>{0}에는 한영 모델이 없습니다(card.json 없음).</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="310"/>
        <source> pieces</source>
        <translation> 조각</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="311"/>
        <source>&amp;Beam size:</source>
        <translation>빔 크기(&amp;B):</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="312"/>
        <source>1 is greedy decoding (fastest). Larger beams consider more alternatives: usually slightly better, and slower.</source>
        <translation>1은 탐욕적 디코딩(가장 빠름)입니다. 빔이 클수록 더 많은 후보를 고려해 대개 조금 더 낫지만 느려집니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="317"/>
        <source>&amp;Maximum length:</source>
        <translation>최대 길이(&amp;M):</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="318"/>
        <source>The longest translation of one sentence, in SentencePiece pieces.</source>
        <translation>한 문장 번역의 최대 길이(SentencePiece 조각 수).</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="331"/>
        <source>Devices found</source>
        <translation>찾은 장치</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="339"/>
        <source>Detect &amp;Again</source>
        <translation>다시 찾기(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="347"/>
        <source>Automatic (GPU if available)</source>
        <translation>자동 (GPU가 있으면 GPU)</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="348"/>
        <source>CPU only</source>
        <translation>CPU만</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="350"/>
        <source>&amp;Use for training:</source>
        <translation>학습에 사용(&amp;U):</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="352"/>
        <source>Translation always runs inside the app; training runs in a separate process on the chosen device.</source>
        <translation>번역은 항상 앱 안에서 실행되고, 학습은 선택한 장치에서 별도 프로세스로 실행됩니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="376"/>
        <source>Looking for devices…</source>
        <translation>장치를 찾는 중…</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="381"/>
        <source>Could not detect the devices: {0}</source>
        <translation>장치를 찾지 못했습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="391"/>
        <source>{0} cores</source>
        <translation>코어 {0}개</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="398"/>
        <source>GPU problem: {0}</source>
        <translation>GPU 문제: {0}</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="400"/>
        <source>An NVIDIA GPU is idle: {0}</source>
        <translation>NVIDIA GPU가 쓰이지 않고 있습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="402"/>
        <source>Training uses the GPU automatically.</source>
        <translation>학습에 GPU를 자동으로 사용합니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="404"/>
        <source>No GPU found: translation and training run on the CPU. Fine-tuning on a small corpus takes minutes; training from scratch takes hours.</source>
        <translation>GPU가 없습니다. 번역과 학습은 CPU에서 실행됩니다. 작은 말뭉치로 미세 조정하면 몇 분, 처음부터 학습하면 몇 시간이 걸립니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="407"/>
        <source>bfloat16 mixed precision</source>
        <translation>bfloat16 혼합 정밀도</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="408"/>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="409"/>
        <source>Training would compute in {0}, {1} tokens per batch.</source>
        <translation>학습은 {0}로, 배치당 토큰 {1}개로 계산합니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="421"/>
        <source>the CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="427"/>
        <source>{0:.1f} GiB</source>
        <translation>{0:.1f} GiB</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="429"/>
        <source>{0} in hardware</source>
        <translation>하드웨어 지원: {0}</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="429"/>
        <source> and </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="430"/>
        <source>no bfloat16/float16 in hardware</source>
        <translation>하드웨어 bfloat16/float16 없음</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="197"/>
        <source>{0} · on the first {1} lines of each dev set: BLEU {2} · chrF {3}</source>
        <translation>{0} · 각 개발 세트의 처음 {1}줄: BLEU {2} · chrF {3}</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="189"/>
        <source>its base {0} on the same lines: BLEU {1} · chrF {2}</source>
        <translation>같은 줄에서 기준 모델 {0}: BLEU {1} · chrF {2}</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="272"/>
        <source>Dev scores on the first {0} lines of each dev set</source>
        <translation>각 개발 세트의 처음 {0}줄에서 낸 개발셋 점수</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="276"/>
        <source>Beam {0}, length penalty {1}.</source>
        <translation>빔 {0}, 길이 벌점 {1}.</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="279"/>
        <source>Beside them its base model {0}, with the same decoding on the same lines.</source>
        <translation>옆에는 기준 모델 {0}을(를) 같은 디코딩으로 같은 줄에서 채점한 점수입니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="290"/>
        <source>base BLEU</source>
        <translation>기준 BLEU</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="290"/>
        <source>base chrF</source>
        <translation>기준 chrF</translation>
    </message>
    <message>
        <location filename="../../views/settings/dialog.py" line="188"/>
        <source>mean</source>
        <translation>평균</translation>
    </message>
</context>
<context>
    <name>TermList</name>
    <message>
        <location filename="../../services/terms.py" line="81"/>
        <source>On</source>
        <translation>사용</translation>
    </message>
    <message>
        <location filename="../../services/terms.py" line="81"/>
        <source>Korean</source>
        <translation>한국어</translation>
    </message>
    <message>
        <location filename="../../services/terms.py" line="81"/>
        <source>English</source>
        <translation>영어</translation>
    </message>
    <message>
        <location filename="../../services/terms.py" line="81"/>
        <source>The model without the term</source>
        <translation>용어 없이 모델은</translation>
    </message>
    <message>
        <location filename="../../services/terms.py" line="108"/>
        <source>The model in use already translates “{0}” as “{1}”: this term can be dropped.</source>
        <translation>지금 모델은 이미 “{0}”을(를) “{1}”(으)로 옮깁니다. 이 용어는 빼도 됩니다.</translation>
    </message>
    <message>
        <location filename="../../services/terms.py" line="109"/>
        <source>already translates it: can be dropped</source>
        <translation>이미 그렇게 옮김: 빼도 됨</translation>
    </message>
    <message>
        <location filename="../../services/terms.py" line="111"/>
        <source>Without the term the model does not give “{0}”.</source>
        <translation>용어가 없으면 모델은 “{0}”(으)로 옮기지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../services/terms.py" line="112"/>
        <source>needs the term</source>
        <translation>용어가 필요함</translation>
    </message>
    <message>
        <location filename="../../services/terms.py" line="114"/>
        <source>checking…</source>
        <translation>확인 중…</translation>
    </message>
</context>
<context>
    <name>TermsPage</name>
    <message>
        <location filename="../../views/settings/terms_page.py" line="24"/>
        <source>Terms pin how a word or a name is translated: the switched-on terms are used in every translation. A term matches at the start of a word, with its particles (아이유는, 아이유의), never inside another word. The last column says when the model in use already gives that English without the term, so the term can be dropped.</source>
        <translation>용어는 낱말이나 이름을 어떻게 옮길지 정해 둡니다. 켜 둔 용어는 모든 번역에 쓰입니다. 용어는 낱말 첫머리에서 조사와 함께(아이유는, 아이유의) 찾고, 다른 낱말 안에서는 찾지 않습니다. 마지막 열은 지금 모델이 용어 없이도 그 영어로 옮기는지 알려 주므로, 그런 용어는 빼도 됩니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/terms_page.py" line="55"/>
        <source>&amp;Add Term</source>
        <translation>용어 추가(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../views/settings/terms_page.py" line="56"/>
        <source>&amp;Delete</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../views/settings/terms_page.py" line="57"/>
        <source>&amp;Import…</source>
        <translation>가져오기(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../views/settings/terms_page.py" line="58"/>
        <source>E&amp;xport…</source>
        <translation>내보내기(&amp;X)…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/settings/terms_page.py" line="99"/>
        <source>Deleted %n term(s).</source>
        <translation>
            <numerusform>용어 %n개를 삭제했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../views/settings/terms_page.py" line="111"/>
        <source>Nothing imported: {0}</source>
        <translation>가져오지 않았습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../views/settings/terms_page.py" line="114"/>
        <source>Imported from {0}: {1} new, {2} changed.</source>
        <translation>{0}에서 가져옴: 새 용어 {1}개, 바뀐 용어 {2}개.</translation>
    </message>
    <message>
        <location filename="../../views/settings/terms_page.py" line="121"/>
        <source>Not exported: {0}</source>
        <translation>내보내지 못했습니다: {0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../views/settings/terms_page.py" line="124"/>
        <source>Exported %n term(s) to {0}.</source>
        <translation>
            <numerusform>용어 %n개를 {0}(으)로 내보냈습니다.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../views/settings/terms_page.py" line="128"/>
        <source>Term lists: TSV or CSV, Korean and English (*.tsv *.csv *.txt);;All files (*)</source>
        <translation>용어 목록: TSV 또는 CSV, 한국어와 영어 (*.tsv *.csv *.txt);;모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../../views/settings/terms_page.py" line="131"/>
        <source>Import Terms</source>
        <translation>용어 가져오기</translation>
    </message>
    <message>
        <location filename="../../views/settings/terms_page.py" line="138"/>
        <source>Export Terms</source>
        <translation>용어 내보내기</translation>
    </message>
</context>
<context>
    <name>TrainingCharts</name>
    <message>
        <location filename="../../views/charts.py" line="44"/>
        <source>step</source>
        <translation>단계</translation>
    </message>
    <message>
        <location filename="../../views/charts.py" line="45"/>
        <source>Training loss</source>
        <translation>학습 손실</translation>
    </message>
    <message>
        <location filename="../../views/charts.py" line="46"/>
        <source>Dev score</source>
        <translation>개발셋 점수</translation>
    </message>
    <message>
        <location filename="../../views/charts.py" line="53"/>
        <source>waiting for the first steps</source>
        <translation>첫 단계를 기다리는 중</translation>
    </message>
    <message>
        <location filename="../../views/charts.py" line="65"/>
        <source>scored on the dev set during training
(if a dev set is chosen)</source>
        <translation>학습 중 개발셋으로 평가합니다
(개발셋을 고른 경우)</translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <location filename="../../views/settings/training_page.py" line="91"/>
        <source>&amp;Resume</source>
        <translation>이어서 하기(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="92"/>
        <source>Discard</source>
        <translation>버리기</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="98"/>
        <source>What to train</source>
        <translation>학습 방식</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="101"/>
        <source>Train a new model from scratch on these corpora only (hours on a CPU)</source>
        <translation>이 말뭉치만으로 새 모델을 처음부터 학습 (CPU로는 몇 시간)</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="112"/>
        <source>Corpora</source>
        <translation>말뭉치</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="119"/>
        <source>Add &amp;Files…</source>
        <translation>파일 추가(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="120"/>
        <source>Add F&amp;older…</source>
        <translation>폴더 추가(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="121"/>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="125"/>
        <source>A .ko/.en file pair, TSV/CSV (Korean, English columns), Excel .xlsx or TMX.</source>
        <translation>.ko/.en 파일 쌍, TSV/CSV(한국어, 영어 열), 엑셀 .xlsx 또는 TMX.</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="131"/>
        <source>Preview</source>
        <translation>미리 보기</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="136"/>
        <source>Korean</source>
        <translation>한국어</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="136"/>
        <source>English</source>
        <translation>영어</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="144"/>
        <source>Pairs</source>
        <translation>문장 쌍</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="145"/>
        <source>Validation report</source>
        <translation>검사 보고서</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="151"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="158"/>
        <source>no limit</source>
        <translation>제한 없음</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="159"/>
        <source> min</source>
        <translation>분</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="160"/>
        <source>New model &amp;name:</source>
        <translation>새 모델 이름(&amp;N):</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="161"/>
        <source>&amp;Epochs:</source>
        <translation>에포크(&amp;E):</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="162"/>
        <source>&amp;Time limit:</source>
        <translation>시간 제한(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="165"/>
        <source>Advanced</source>
        <translation>고급</translation>
    </message>
    <message>
        <source>none: no dev scores</source>
        <translation type="vanished">없음: 개발셋 평가 안 함</translation>
    </message>
    <message>
        <source>optional: original corpora, against forgetting</source>
        <translation type="vanished">선택: 원래 말뭉치 (잊어버림 방지)</translation>
    </message>
    <message>
        <source>optional: TrainingConfig JSON (model size)</source>
        <translation type="vanished">선택: TrainingConfig JSON (모델 크기)</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="189"/>
        <source>Tokens per batch:</source>
        <translation>배치당 토큰:</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="190"/>
        <source>Peak learning rate:</source>
        <translation>최대 학습률:</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="191"/>
        <source>Warm-up steps:</source>
        <translation>워밍업 단계:</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="192"/>
        <source>Score on dev every:</source>
        <translation>개발셋 평가 간격:</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="193"/>
        <source>Dev set folder:</source>
        <translation>개발셋 폴더:</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="195"/>
        <source>Mix in original data:</source>
        <translation>원래 데이터 섞기:</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="197"/>
        <source>Config file:</source>
        <translation>설정 파일:</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="80"/>
        <source>&amp;Start Training</source>
        <translation>학습 시작(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="181"/>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="182"/>
        <source>Dev corpora the runs are scored on; empty: no dev scores</source>
        <translation>학습을 채점할 개발 말뭉치. 비워 두면 개발 점수 없음</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="184"/>
        <location filename="../../views/settings/training_page.py" line="187"/>
        <source>optional</source>
        <translation>선택 사항</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="185"/>
        <source>Original corpora trained on too, against forgetting</source>
        <translation>잊어버리지 않도록 함께 학습할 원래 말뭉치</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="188"/>
        <source>A TrainingConfig JSON file (the model&apos;s size)</source>
        <translation>TrainingConfig JSON 파일(모델 크기)</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="235"/>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="239"/>
        <source>Choose a Folder</source>
        <translation>폴더 선택</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="241"/>
        <source>Choose a File</source>
        <translation>파일 선택</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="242"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 파일 (*.json)</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="257"/>
        <source>Fine-tune the current model ({0}) on these corpora</source>
        <translation>현재 모델({0})을 이 말뭉치로 미세 조정</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="284"/>
        <source>Suggested for {0}: {1}</source>
        <translation>{0}에 맞춘 값: {1}</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="289"/>
        <source>Add Corpus Files</source>
        <translation>말뭉치 파일 추가</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="297"/>
        <source>Add a Corpus Folder</source>
        <translation>말뭉치 폴더 추가</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="322"/>
        <source>{0} — checking…</source>
        <translation>{0} — 검사 중…</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="324"/>
        <source>{0} — cannot be read</source>
        <translation>{0} — 읽을 수 없음</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="325"/>
        <source>{0} — {1:,} pairs</source>
        <translation>{0} — {1:,}쌍</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="374"/>
        <source>Checking {0}…</source>
        <translation>{0} 검사 중…</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="377"/>
        <source>This corpus cannot be used:

{0}</source>
        <translation>이 말뭉치는 쓸 수 없습니다:

{0}</translation>
    </message>
    <message>
        <source>Corpus folders:</source>
        <translation type="vanished">말뭉치 폴더:</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="402"/>
        <source>A training run is in progress.</source>
        <translation>학습이 진행 중입니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="404"/>
        <source>Add one or more corpora to train on.</source>
        <translation>학습할 말뭉치를 하나 이상 추가하세요.</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="406"/>
        <source>Checking the corpora…</source>
        <translation>말뭉치를 검사하는 중…</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="408"/>
        <source>Remove the corpora that cannot be read: {0}</source>
        <translation>읽을 수 없는 말뭉치를 제거하세요: {0}</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="410"/>
        <source>The corpora have no usable pairs; see the validation report.</source>
        <translation>쓸 수 있는 문장 쌍이 없습니다. 검사 보고서를 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="412"/>
        <source>There is no current model to fine-tune.</source>
        <translation>미세 조정할 현재 모델이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="415"/>
        <source>{0:,} pairs ready.</source>
        <translation>{0:,}쌍 준비됨.</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="464"/>
        <source>fine-tuning</source>
        <translation>미세 조정</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="464"/>
        <source>training</source>
        <translation>학습</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="465"/>
        <source>An interrupted {0} run of “{1}” can be resumed from its last checkpoint.</source>
        <translation>중단된 “{1}” {0}을(를) 마지막 체크포인트부터 이어서 할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_page.py" line="387"/>
        <source>Corpora in this folder:</source>
        <translation>이 폴더의 말뭉치:</translation>
    </message>
</context>
<context>
    <name>TrainingRunView</name>
    <message>
        <location filename="../../views/settings/training_run.py" line="63"/>
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="69"/>
        <source>Dev set</source>
        <translation>개발셋</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="69"/>
        <source>Current model</source>
        <translation>현재 모델</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="70"/>
        <source>New model</source>
        <translation>새 모델</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="89"/>
        <source>&amp;Back to Setup</source>
        <translation>설정으로 돌아가기(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="90"/>
        <source>&amp;Resume</source>
        <translation>이어서 하기(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="91"/>
        <source>&amp;Use the New Model</source>
        <translation>새 모델 사용(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="92"/>
        <source>&amp;Cancel Training</source>
        <translation>학습 취소(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="108"/>
        <source>Fine-tuning {0} on {1}</source>
        <translation>{0}을(를) {1}(으)로 미세 조정</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="110"/>
        <source>Training {0} from scratch on {1}</source>
        <translation>{1}(으)로 {0}을(를) 처음부터 학습</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="115"/>
        <source>Starting the training process: loading TensorFlow and reading the corpora (this takes up to a minute)…</source>
        <translation>학습 프로세스를 시작하는 중: TensorFlow를 불러오고 말뭉치를 읽습니다(최대 1분 정도 걸립니다)…</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="152"/>
        <source>Stopping the scoring…</source>
        <translation>채점을 중지하는 중…</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="166"/>
        <source>Training done ({0}); exporting the model to score it…</source>
        <translation>학습 완료({0}). 채점을 위해 모델을 내보내는 중…</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="170"/>
        <source>Scoring the new model</source>
        <translation>새 모델 채점</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="171"/>
        <source>Scoring the base model {0}</source>
        <translation>기준 모델 {0} 채점</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="172"/>
        <source>{0} on the dev sets: {1:,} of {2:,} sentences</source>
        <translation>{0}: 개발 세트 {2:,}문장 중 {1:,}문장</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="175"/>
        <source>Writing the model…</source>
        <translation>모델을 저장하는 중…</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="185"/>
        <location filename="../../views/settings/training_run.py" line="189"/>
        <source>step %v of %m</source>
        <translation>%m단계 중 %v단계</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="186"/>
        <source>{0:,} pairs · {1:,} parameters · {2} · first step…</source>
        <translation>{0:,}쌍 · 매개변수 {1:,}개 · {2} · 첫 단계…</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="198"/>
        <source>%v of %m sentences</source>
        <translation>%m문장 중 %v문장</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="277"/>
        <source>BLEU {0} · chrF {1}</source>
        <translation>BLEU {0} · chrF {1}</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="vanished">시작하는 중…</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="153"/>
        <source>Stopping: saving a checkpoint…</source>
        <translation>멈추는 중: 체크포인트 저장…</translation>
    </message>
    <message>
        <source>Preparing the training data…</source>
        <translation type="vanished">학습 데이터를 준비하는 중…</translation>
    </message>
    <message>
        <source>{0:,} pairs · {1:,} parameters · {2}</source>
        <translation type="vanished">{0:,}쌍 · 매개변수 {1:,}개 · {2}</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="162"/>
        <source>Step {0:,} of {1:,} · epoch {2:.2f} · loss {3:.3f} · {4:.0f} pairs/s · about {5} left</source>
        <translation>{1:,}단계 중 {0:,}단계 · 에포크 {2:.2f} · 손실 {3:.3f} · 초당 {4:.0f}쌍 · 약 {5} 남음</translation>
    </message>
    <message>
        <source>Training done ({0}); writing the model…</source>
        <translation type="vanished">학습 완료({0}). 모델을 저장하는 중…</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="214"/>
        <source>Finished after {0:,} steps.</source>
        <translation>{0:,}단계 만에 끝났습니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="217"/>
        <location filename="../../views/settings/training_run.py" line="292"/>
        <source>The new model is ready: {0}</source>
        <translation>새 모델이 준비되었습니다: {0}</translation>
    </message>
    <message>
        <source>Stopped while scoring the new model.</source>
        <translation type="vanished">새 모델을 채점하는 중에 중지했습니다.</translation>
    </message>
    <message>
        <source>Training was stopped after it finished, while the new model was scored. The trained model is kept: Resume only scores it.</source>
        <translation type="vanished">학습이 끝난 뒤 새 모델을 채점하는 중에 중지했습니다. 학습된 모델은 보관됩니다. 이어서 하기를 누르면 채점만 합니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="228"/>
        <source>Stopped at step {0:,} of {1:,}.</source>
        <translation>{1:,}단계 중 {0:,}단계에서 중지했습니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="229"/>
        <source>Training was stopped. Its last checkpoint is kept: Resume continues where it stopped.</source>
        <translation>학습을 멈췄습니다. 마지막 체크포인트가 남아 있어 이어서 하기로 멈춘 곳부터 계속할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="233"/>
        <source>Training failed.</source>
        <translation>학습에 실패했습니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="234"/>
        <source>Training failed: {0}</source>
        <translation>학습하지 못했습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="248"/>
        <source>mean</source>
        <translation>평균</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="269"/>
        <source>It was not scored: no dev set was chosen (Advanced ▸ Dev set folder).</source>
        <translation>개발셋을 고르지 않아 평가하지 않았습니다 (고급 ▸ 개발셋 폴더).</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="272"/>
        <source>The two models were scored on different dev sets: only the rows they share compare.</source>
        <translation>두 모델은 서로 다른 개발셋으로 평가되었습니다. 공통된 행끼리만 비교할 수 있습니다.</translation>
    </message>
    <message>
        <source>BLEU {0:.1f} · chrF {1:.1f}</source>
        <translation type="vanished">BLEU {0:.1f} · chrF {1:.1f}</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="292"/>
        <source>Now using {0}.</source>
        <translation>이제 {0}을(를) 사용합니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="128"/>
        <source>Training was done: exporting the model again to go on scoring it, after the sentences already scored (this takes up to a minute)…</source>
        <translation>학습은 끝났습니다: 이미 채점한 문장 다음부터 이어서 채점하려고 모델을 다시 내보내는 중입니다(1분쯤 걸립니다)…</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="231"/>
        <source>Training was stopped after it finished, while the models were scored. The trained model and the sentences already scored are kept: Resume goes on scoring from there.</source>
        <translation>학습이 끝난 뒤 모델을 채점하는 중에 중지했습니다. 학습된 모델과 이미 채점한 문장은 보관됩니다. 이어서 하기를 누르면 거기서부터 채점을 계속합니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="251"/>
        <source>Stopped while scoring the base model {0}: {1:,} of {2:,} sentences.</source>
        <translation>기준 모델 {0}을(를) 채점하는 중에 중지했습니다: {2:,}문장 중 {1:,}문장.</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="254"/>
        <source>Stopped while scoring the new model: {0:,} of {1:,} sentences.</source>
        <translation>새 모델을 채점하는 중에 중지했습니다: {1:,}문장 중 {0:,}문장.</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="255"/>
        <source>Stopped after training, before the scoring.</source>
        <translation>학습을 마친 뒤, 채점을 시작하기 전에 중지했습니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="266"/>
        <source>Base model</source>
        <translation>기준 모델</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="292"/>
        <source>beam {0}, length penalty {1}</source>
        <translation>빔 {0}, 길이 벌점 {1}</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="294"/>
        <source>the first {0:,} lines of each dev set</source>
        <translation>각 개발 세트의 처음 {0:,}줄</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="295"/>
        <source>the full dev sets</source>
        <translation>개발 세트 전체</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="296"/>
        <source>Both scored on {0}, with {1}.</source>
        <translation>두 모델 모두 {0}에서 {1}(으)로 채점했습니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="296"/>
        <source>Scored on {0}, with {1}.</source>
        <translation>{0}에서 {1}(으)로 채점했습니다.</translation>
    </message>
    <message>
        <location filename="../../views/settings/training_run.py" line="303"/>
        <source>The current model was not scored on these lines, so the two are not compared.</source>
        <translation>현재 모델은 이 줄들로 채점되지 않았으므로 두 모델을 비교하지 않습니다.</translation>
    </message>
</context>
<context>
    <name>TranslationPanes</name>
    <message>
        <location filename="../../views/panes.py" line="47"/>
        <source>Type or paste Korean text here.

Ctrl+Enter translates.</source>
        <translation>여기에 한국어를 입력하거나 붙여 넣으세요.

Ctrl+Enter로 번역합니다.</translation>
    </message>
    <message>
        <location filename="../../views/panes.py" line="48"/>
        <source>Korean text</source>
        <translation>한국어 텍스트</translation>
    </message>
    <message>
        <location filename="../../views/panes.py" line="51"/>
        <source>English translation</source>
        <translation>영어 번역</translation>
    </message>
    <message>
        <location filename="../../views/panes.py" line="59"/>
        <source>Translate as you &amp;type</source>
        <translation>입력하면서 번역(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../views/panes.py" line="60"/>
        <source>C&amp;lear</source>
        <translation>지우기(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../views/panes.py" line="61"/>
        <source>&amp;Translate</source>
        <translation>번역(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../views/panes.py" line="63"/>
        <source>Translate (Ctrl+Enter)</source>
        <translation>번역 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../views/panes.py" line="71"/>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../views/panes.py" line="72"/>
        <source>Copy the translation (Ctrl+Shift+C)</source>
        <translation>번역 복사 (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <location filename="../../views/panes.py" line="74"/>
        <source>Korean</source>
        <translation>한국어</translation>
    </message>
    <message>
        <location filename="../../views/panes.py" line="76"/>
        <source>English</source>
        <translation>영어</translation>
    </message>
    <message>
        <location filename="../../views/panes.py" line="92"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../views/panes.py" line="108"/>
        <source>The English translation appears here.</source>
        <translation>영어 번역이 여기에 나타납니다.</translation>
    </message>
    <message>
        <location filename="../../views/panes.py" line="112"/>
        <source>1 character</source>
        <translation>1자</translation>
    </message>
    <message>
        <location filename="../../views/panes.py" line="112"/>
        <source>{0} characters</source>
        <translation>{0}자</translation>
    </message>
    <message>
        <location filename="../../views/panes.py" line="123"/>
        <source>%v of %m sentences</source>
        <translation>%m문장 중 %v문장</translation>
    </message>
    <message>
        <source>%v of %m chunks</source>
        <translation type="vanished">%m개 중 %v개</translation>
    </message>
</context>
<context>
    <name>EditMenu</name>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>잘라내기(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>붙여넣기(&amp;P)</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>모두 선택(&amp;A)</translation>
    </message>
</context>
<context>
    <name>StepsCanvas</name>
    <message>
        <source>query and keys: x times the head&apos;s W_Q, W_K</source>
        <translation>쿼리와 키: x에 헤드의 W_Q, W_K를 곱한 것</translation>
    </message>
    <message>
        <source>match each key: products, their sum, ÷ √d_k, softmax</source>
        <translation>각 키와 맞추기: 곱, 그 합, ÷ √d_k, 소프트맥스</translation>
    </message>
    <message>
        <source>the values, weighted: the head&apos;s output</source>
        <translation>가중치를 곱한 값의 합: 헤드의 출력</translation>
    </message>
    <message>
        <source>all heads</source>
        <translation>모든 헤드</translation>
    </message>
    <message>
        <source>future</source>
        <translation>미래</translation>
    </message>
    <message>
        <source>cross-attention</source>
        <translation>교차 어텐션</translation>
    </message>
    <message>
        <source>the feed-forward sublayer</source>
        <translation>피드포워드 하위층</translation>
    </message>
    <message>
        <source>then: on to {0} of layer {1}</source>
        <translation>다음: {1}층의 {0}(으)로</translation>
    </message>
    <message>
        <source>{0} heads × {1} = {2}</source>
        <translation>헤드 {0}개 × {1} = {2}</translation>
    </message>
    <message>
        <source>the sublayer&apos;s output</source>
        <translation>하위층의 출력</translation>
    </message>
    <message>
        <source>the residual: the piece&apos;s vector before it</source>
        <translation>잔차: 이 하위층 전의 조각 벡터</translation>
    </message>
    <message>
        <source>what goes on</source>
        <translation>다음으로 넘어가는 값</translation>
    </message>
    <message>
        <source>head {0}: “{1}” gets {2:.1%} (click to see head {0}&apos;s steps)</source>
        <translation>헤드 {0}: “{1}”에 {2:.1%} (누르면 헤드 {0}의 단계를 봅니다)</translation>
    </message>
    <message>
        <source>“{0}” comes later in the sentence: masked, −∞ before the softmax, 0 after</source>
        <translation>“{0}”은(는) 문장에서 나중에 나옵니다: 가려져서 소프트맥스 전에는 −∞, 후에는 0입니다</translation>
    </message>
    <message>
        <source>“{0}”: q · k = {1:.4f}, ÷ √{2} = {3:.4f}, softmax = {4:.2%}</source>
        <translation>“{0}”: q · k = {1:.4f}, ÷ √{2} = {3:.4f}, 소프트맥스 = {4:.2%}</translation>
    </message>
    <message>
        <source>“{0}” comes later in the sentence: masked</source>
        <translation>“{0}”은(는) 문장에서 나중에 나옵니다: 가려짐</translation>
    </message>
    <message>
        <source>q[{0}] × k[{0}] of “{1}” = {2:+.4f} × {3:+.4f} = {4:+.4f}</source>
        <translation>“{1}”의 q[{0}] × k[{0}] = {2:+.4f} × {3:+.4f} = {4:+.4f}</translation>
    </message>
    <message>
        <source>{0}[{1}] of “{2}” = {3:+.4f}</source>
        <translation>“{2}”의 {0}[{1}] = {3:+.4f}</translation>
    </message>
    <message>
        <source>q[{0}] = {1:+.4f}</source>
        <translation>q[{0}] = {1:+.4f}</translation>
    </message>
    <message>
        <source>z[{0}] = Σ a_i v_i[{0}] = {1:+.4f}</source>
        <translation>z[{0}] = Σ a_i v_i[{0}] = {1:+.4f}</translation>
    </message>
    <message>
        <source>head {0}&apos;s z[{1}] = {2:+.4f}</source>
        <translation>헤드 {0}의 z[{1}] = {2:+.4f}</translation>
    </message>
</context>
<context>
    <name>StepsTab</name>
    <message>
        <source>Steps</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Translate some Korean text, then pick a sentence, to see the three steps of attention with the model&apos;s numbers.</source>
        <translation>한국어를 번역한 뒤 문장을 고르면 어텐션의 세 단계를 모델의 숫자로 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Computing the attention…</source>
        <translation>어텐션을 계산하는 중…</translation>
    </message>
    <message>
        <source>The rollout mixes all layers; the steps are one layer&apos;s: layer {0}.</source>
        <translation>롤아웃은 모든 층을 섞습니다. 단계는 한 층의 것입니다: {0}층.</translation>
    </message>
    <message>
        <source>The heatmap shows several heads; the steps are one head&apos;s: head {0} (pick another above, or click a head&apos;s column).</source>
        <translation>히트맵은 여러 헤드를 보여 줍니다. 단계는 한 헤드의 것입니다: 헤드 {0} (위에서 다른 헤드를 고르거나 헤드의 열을 누르세요).</translation>
    </message>
    <message>
        <source>Computing the three steps…</source>
        <translation>세 단계를 계산하는 중…</translation>
    </message>
    <message>
        <source>Encoder self-attention</source>
        <translation>인코더 셀프 어텐션</translation>
    </message>
    <message>
        <source>Decoder self-attention</source>
        <translation>디코더 셀프 어텐션</translation>
    </message>
    <message>
        <source>Cross-attention</source>
        <translation>교차 어텐션</translation>
    </message>
    <message>
        <source>{0} · layer {1} · head {2} of {3} · query “{4}”</source>
        <translation>{0} · {1}층 · 헤드 {2}/{3} · 쿼리 “{4}”</translation>
    </message>
    <message>
        <source>Keys and values: the Korean pieces themselves, as they enter this layer.</source>
        <translation>키와 값: 이 층에 들어오는 한국어 조각 자신.</translation>
    </message>
    <message>
        <source>Keys and values: what the decoder has read (&lt;s&gt;, then the pieces chosen); the query is computed where it reads “{0}” to choose “{1}”; later keys are masked.</source>
        <translation>키와 값: 디코더가 읽은 것(&lt;s&gt;, 그다음 고른 조각들). 쿼리는 “{0}”을(를) 읽고 “{1}”을(를) 고르는 자리에서 계산됩니다. 나중의 키는 가려집니다.</translation>
    </message>
    <message>
        <source>Keys and values: the encoder&apos;s output (the Korean), through this layer&apos;s W_K and W_V; the query is the English piece, computed where the decoder chooses it.</source>
        <translation>키와 값: 인코더의 출력(한국어)에 이 층의 W_K와 W_V를 곱한 것. 쿼리는 디코더가 고르는 자리에서 계산되는 영어 조각입니다.</translation>
    </message>
    <message>
        <source>Could not compute the steps: {0}</source>
        <translation>단계를 계산하지 못했습니다: {0}</translation>
    </message>
</context>
<context>
    <name>StepsView</name>
    <message>
        <source>The piece whose query is followed (also: click its row in the heatmap, or the word in the text)</source>
        <translation>쿼리를 따라갈 조각 (히트맵의 행이나 텍스트의 단어를 눌러도 됩니다)</translation>
    </message>
    <message>
        <source>&amp;Query</source>
        <translation>쿼리(&amp;Q)</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>헤드</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Image (PNG)…</source>
        <translation>이미지(PNG)…</translation>
    </message>
    <message>
        <source>Image (SVG)…</source>
        <translation>이미지(SVG)…</translation>
    </message>
    <message>
        <source>Numbers (JSON)…</source>
        <translation>숫자(JSON)…</translation>
    </message>
    <message>
        <source>Translate some Korean text, then pick a sentence, to see the three steps of attention with the model&apos;s numbers.</source>
        <translation>한국어를 번역한 뒤 문장을 고르면 어텐션의 세 단계를 모델의 숫자로 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Head {0}</source>
        <translation>헤드 {0}</translation>
    </message>
    <message>
        <source>Point at a strip to read its numbers; click a head&apos;s column to see its steps.</source>
        <translation>띠에 마우스를 올리면 숫자를 읽을 수 있고, 헤드의 열을 누르면 그 헤드의 단계를 봅니다.</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 이미지 (*.svg)</translation>
    </message>
    <message>
        <source>JSON file (*.json)</source>
        <translation>JSON 파일 (*.json)</translation>
    </message>
    <message>
        <source>Export the steps</source>
        <translation>단계 내보내기</translation>
    </message>
    <message>
        <source>Could not export: {0}</source>
        <translation>내보내지 못했습니다: {0}</translation>
    </message>
</context>
</TS>
