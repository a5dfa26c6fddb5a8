"""Search text: folding, index tokens, the query language, matching and snippets.

This package owns everything about search that is pure text; the FTS5 table that
stores the tokens lives in ``newsreader.store``. It must not import SQL, Qt, or
the store, UI or CLI packages. Public API:

* ``fold(text)``, ``fold_with_offsets(text)``: the normal form text is compared in
  (``newsreader.text.search_fold``, re-exported: it lives below search so that the
  parsers and identity keys share one normalizer module);
* ``index_tokens(text)``, ``index_field(parts)``, ``tokens_signature()``: what the
  FTS5 table stores (``SP``/``BREAK`` are its two special tokens);
* ``compile_query(q)`` -> ``SearchPlan``: the query compiled once, with all the
  store needs to run it (MATCH strings, each term's tokens, highlight terms);
* ``parse_query(q)`` -> ``Query``; ``to_fts_match(query)``,
  ``to_fts_title_match(query)``: FTS5 MATCH expressions; ``QueryError``;
* ``matches``, ``occurrences``, ``title_matches``, ``term_occurrences``: the
  brute-force rule (the oracle, ranking counts);
* ``snippet``, ``story_snippet``: the original text around the first match;
  ``highlight_spans``: every match in an original text, for marking it.
"""

from newsreader.search.matching import (
    FIELDS,
    FoldedFields,
    fold_fields,
    matches,
    occurrences,
    term_matches,
    term_occurrences,
    title_matches,
)
from newsreader.search.plan import PlannedTerm, SearchPlan, compile_query
from newsreader.search.query import (
    MAX_QUERY_CHARS,
    MAX_TERM_CHARS,
    MAX_TERMS,
    Query,
    QueryError,
    Term,
    parse_query,
    to_fts_match,
    to_fts_title_match,
)
from newsreader.search.snippets import Snippet, highlight_spans, snippet, story_snippet
from newsreader.search.tokens import BREAK, SP, index_field, index_tokens, tokens_signature
from newsreader.text.folding import fold, fold_with_offsets

__all__ = [
    "BREAK",
    "FIELDS",
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "MAX_TERM_CHARS",
    "PlannedTerm",
    "SP",
    "FoldedFields",
    "Query",
    "QueryError",
    "SearchPlan",
    "Snippet",
    "Term",
    "compile_query",
    "fold",
    "fold_fields",
    "fold_with_offsets",
    "highlight_spans",
    "index_field",
    "index_tokens",
    "matches",
    "occurrences",
    "parse_query",
    "snippet",
    "story_snippet",
    "term_matches",
    "term_occurrences",
    "title_matches",
    "tokens_signature",
    "to_fts_match",
    "to_fts_title_match",
]


def __getattr__(name: str) -> str:
    # TOKENS_SIGNATURE names the fold tables' OpenCC version: computed when asked for.
    if name == "TOKENS_SIGNATURE":
        return tokens_signature()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
