"""Text normal forms: the one place that says how text is folded before it is compared.

Three forms, three names, because they answer three different questions and must
not be swapped for one another:

* ``search_fold`` (``folding``): the form search compares in: NFKC, lower case,
  Traditional -> Simplified, invisible characters gone, whitespace runs as one
  space. Both the index tokens and the query terms are made from it; changing it
  changes ``search.tokens_signature()`` and rebuilds every index. Its
  character tables are computed once and shipped as package data (``fold_tables``).
* ``key_text`` (``stripped``): the form identity keys are made of: NFKC without
  whitespace and punctuation (symbols kept). Stored in every library's
  ``title_key``/``text_key``: changing it splits stories already merged.
* ``comparison_text`` (``stripped``): what the portal parser compares a headline
  group's summary with the start of an article in: NFKC without punctuation,
  symbols, separators or controls (a dropped decimal point still matches).

Pure text: must not import SQL, Qt or any other newsreader package (dumps, store and
search all sit above it).
"""

from newsreader.text.folding import fold as search_fold
from newsreader.text.folding import fold_spans, fold_with_offsets
from newsreader.text.stripped import comparison_text, key_text

__all__ = ["comparison_text", "fold_spans", "fold_with_offsets", "key_text", "search_fold"]
