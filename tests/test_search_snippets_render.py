"""The snippet window renderer against the character loop it replaced (kept here as the
reference): the same text and the same highlight spans for any text, window and spans."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.search.snippets import ELLIPSIS, _merge, _render


def _reference(text: str, lo: int, hi: int, spans: list[tuple[int, int]]):
    out: list[str] = [ELLIPSIS] if text[:lo].strip() else []
    size = len(out)
    position: dict[int, int] = {}
    i = lo
    while i < hi and text[i].isspace():
        i += 1
    pending_space = False
    while i < hi:
        ch = text[i]
        if ch.isspace():
            pending_space = True
        else:
            if pending_space:
                out.append(" ")
                size += 1
                pending_space = False
            position[i] = size
            out.append(ch)
            size += 1
        i += 1
    if text[hi:].strip():
        out.append(ELLIPSIS)
    moved = []
    for start, end in spans:
        shown = [position[k] for k in range(max(start, lo), min(end, hi)) if k in position]
        if shown:
            moved.append((shown[0], shown[-1] + 1))
    return "".join(out), _merge(moved)


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet="ab儿 \t\n\u3000\u00a0", max_size=30), data=st.data())
def test_render_is_the_character_loop(text: str, data: st.DataObject) -> None:
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    bound = st.integers(0, len(text))
    spans = sorted(tuple(sorted(p)) for p in data.draw(st.lists(st.tuples(bound, bound), max_size=4)))
    assert _render(text, lo, hi, spans) == _reference(text, lo, hi, spans)
