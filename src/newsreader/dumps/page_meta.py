"""What a saved page says about its article besides the body: headline, date, byline ...

This module owns reading a page's head (``<title>``, ``<meta>``, ``<link>``, JSON-LD)
and the visible lines around the headline: the headline a reader sees (the heading
that the ``<title>`` starts with, not the ``<title>`` with its site suffix), the
publication date and time, byline and source, keywords, the canonical address and
the site name. The rules are general: they read markup conventions (heading levels,
``og:`` and ``article:`` properties, schema.org) and Chinese date forms, never a
site's host name or its element ids. Must not import SQL, Qt, the store or a
format module.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import lxml.etree

from newsreader.dumps.page_tree import HEADING_TAGS, TextBlock, collapse

# Separators between a headline and the site/channel names in a <title>.
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|—|–|-\s|\s-|·\s| :: |»|•)\s*")
_DATE = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2})\s*(?:[-/.]|年)\s*([0-9]{1,2})\s*(?:[-/.]|月)\s*"
    # The day may run straight into the clock when a page sets them in two elements.
    r"([0-9]{1,2})(?:(?![0-9])|(?=[0-9]{2}[:：]))\s*日?"
    r"(?:\s*(?:[T\s]|&nbsp;)?\s*([0-9]{1,2})\s*[:：时]\s*([0-9]{2})(?:\s*[:：分]\s*([0-9]{2}))?)?"
)
_META_DATE_NAMES = (
    "article:published_time", "og:article:published_time", "og:release_date",
    "publishdate", "pubdate", "publish_date", "publishtime", "publish-time", "ptime",
    "published_time", "datepublished", "dc.date.issued", "dc.date", "sailthru.date",
    "article.published", "weibo: article:create_at", "bytedance:published_time",
    "release_date", "date", "created", "creation_date", "og:published_time",
    # Last resorts: when the page was updated is usually the day it was published.
    "article:modified_time", "datemodified", "dateupdate", "lastmodified", "last-modified",
    "og:updated_time",
)
_BYLINE = re.compile(
    r"(?:来源|來源|作者|记者|記者|编辑|編輯|撰文|文|供稿|出处|稿源)\s*[：:/／]\s*"
    r"([^\s|｜　，,]{1,30})"
)
_SOURCE = re.compile(r"(?:来源|來源|稿源|出处)\s*[：:]\s*([^\s|｜　，,]{1,30})")
_AUTHOR = re.compile(r"(?:作者|撰文|记者|記者|文)\s*[：:/／]\s*([^\s|｜　，,]{1,20})")
_DATE_NAME = re.compile(r"pub|date|time|created", re.IGNORECASE)
_NOT_PUBLISHED = re.compile(r"modif|updat|expir|birth", re.IGNORECASE)
_KEYWORD_SPLIT = re.compile(r"[,，、;；|\s]+")


@dataclass(frozen=True)
class Found:
    """A date and time found on the page; ``time`` None when the page gives no clock."""

    raw: str
    date: dt.date
    time: dt.time | None


def _meta_map(root: lxml.etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop")
               or meta.get("http-equiv") or "").strip().lower()
        value = meta.get("content")
        if key and value and key not in found:
            found[key] = value.strip()
    return found


@dataclass(frozen=True)
class Head:
    """What the page's head (and JSON-LD) declares."""

    title_tag: str
    meta: dict[str, str]
    json_ld: dict[str, str]
    canonical: str | None


def read_head(root: lxml.etree._Element) -> Head:
    """Read the head before the tree is cleaned (cleaning removes <meta> and scripts)."""
    title_el = next(root.iter("title"), None)
    title_tag = collapse(title_el.text_content()) if title_el is not None else ""
    canonical = None
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            canonical = link.get("href").strip()
            break
    return Head(title_tag, _meta_map(root), _json_ld(root), canonical)


def _json_ld(root: lxml.etree._Element) -> dict[str, str]:
    """headline / datePublished / author / publisher name from schema.org JSON-LD."""
    out: dict[str, str] = {}
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        todo = [data]
        seen = 0
        while todo and seen < 200:
            seen += 1
            item = todo.pop()
            if isinstance(item, list):
                todo.extend(item)
                continue
            if not isinstance(item, dict):
                continue
            todo.extend(v for k, v in item.items() if k == "@graph")
            for key in ("headline", "datePublished", "dateCreated"):
                if isinstance(item.get(key), str):
                    out.setdefault(key, item[key])
            for key in ("author", "publisher"):
                who = item.get(key)
                if isinstance(who, list) and who:
                    who = who[0]
                if isinstance(who, dict) and isinstance(who.get("name"), str):
                    out.setdefault(key, who["name"])
                elif isinstance(who, str):
                    out.setdefault(key, who)
    return out


# -- headline ------------------------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"[\s\"'“”‘’]+", "", text).lower()


def title_parts(title_tag: str) -> list[str]:
    return [p for p in _TITLE_SEPARATORS.split(title_tag) if p.strip()]


def find_headline(
    blocks: list[TextBlock], head: Head
) -> tuple[str | None, TextBlock | None]:
    """The headline a reader sees, and the block that shows it (None if not visible)."""
    title_tag = head.title_tag
    norm_tag = _norm(title_tag)
    declared = [t for t in (head.meta.get("og:title"), head.json_ld.get("headline"),
                            head.meta.get("twitter:title"), head.meta.get("title")) if t]
    best: tuple[float, TextBlock] | None = None
    for block in blocks:
        text = block.text
        # A heading may link to its own page (blogs do); other links are navigation.
        if not 2 <= len(text) <= 120 or (block.link_chars > len(text) / 2 and not block.heading):
            continue
        norm = _norm(text)
        if len(norm) < 2:
            continue
        score = 0.0
        if norm_tag and norm_tag.startswith(norm):
            score = 3.0 + len(norm) / max(len(norm_tag), 1)
        elif norm_tag and norm in norm_tag and len(norm) >= 6:
            score = 2.0 + len(norm) / max(len(norm_tag), 1)
        elif any(_norm(d) == norm for d in declared):
            score = 2.5
        else:
            continue
        owner_tag = block.owner.tag
        if owner_tag == "h1":
            score += 1.5
        elif block.heading:
            score += 1.0
        elif _class_says_title(block.owner):
            score += 0.8
        if best is None or score > best[0]:
            best = (score, block)
    if best is not None:
        return best[1].text, best[1]
    # Not visible as such: the declared headline, else the <title> minus its site names.
    h1s = [b for b in blocks if b.owner.tag == "h1" and len(b.text) >= 4]
    if len(h1s) == 1:
        return h1s[0].text, h1s[0]
    for candidate in declared:
        if candidate and len(collapse(candidate)) >= 4:
            return collapse(candidate), None
    parts = title_parts(title_tag)
    if parts:
        return max(parts[:2], key=len), None
    return None, None


def _class_says_title(el: lxml.etree._Element) -> bool:
    for _ in range(3):
        if el is None:
            return False
        marks = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
        if "title" in marks or "headline" in marks:
            return True
        el = el.getparent()
    return False


# -- date ------------------------------------------------------------------------------


def parse_date(text: str) -> Found | None:
    """The first plausible date (and time) written in ``text``."""
    for match in _DATE.finditer(text):
        y, m, d, hh, mm, ss = match.groups()
        try:
            date = dt.date(int(y), int(m), int(d))
        except ValueError:
            continue
        if not dt.date(1990, 1, 1) <= date <= dt.date(2100, 1, 1):
            continue
        clock = None
        if hh is not None:
            try:
                clock = dt.time(int(hh), int(mm), int(ss or 0))
            except ValueError:
                clock = None
        return Found(collapse(match.group(0)), date, clock)
    return None


def find_date(
    blocks: list[TextBlock], headline_block: TextBlock | None, head: Head, url: str | None
) -> Found | None:
    """Publication date: visible near the headline, else declared, else in the address."""
    if headline_block is not None:
        # The date line follows the headline within a few short lines; the body's
        # paragraphs (long lines) end the search: dates in them are other events'.
        for block in blocks[headline_block.index + 1: headline_block.index + 12]:
            if len(block.text) > 100:
                break
            found = parse_date(block.text)
            if found is not None:
                return found
    found = _declared_date(head)
    if found is not None:
        return found
    if headline_block is not None:
        before = blocks[max(0, headline_block.index - 4): headline_block.index]
        for block in reversed(before):
            if len(block.text) <= 80:
                found = parse_date(block.text)
                if found is not None:
                    return found
        # Some templates put the date line under the article (``发布日期：...``).
        for block in blocks[headline_block.index + 1: headline_block.index + 120]:
            if len(block.text) <= 60:
                found = parse_date(block.text)
                if found is not None:
                    return found
    for candidate in (url, head.canonical, head.meta.get("og:url")):
        found = _date_in_address(candidate)
        if found is not None:
            return found
    return None


def _declared_date(head: Head) -> Found | None:
    """The publication date the page's metadata declares (known names first)."""
    for key in _META_DATE_NAMES:
        value = head.meta.get(key)
        if value:
            found = parse_date(value) or _compact_date(value)
            if found is not None:
                return found
    for key in ("datePublished", "dateCreated"):
        if head.json_ld.get(key):
            found = parse_date(head.json_ld[key])
            if found is not None:
                return found
    # Other names a publishing system gives its time (``apub:time``, ``pub_date`` ...).
    for key, value in head.meta.items():
        if _DATE_NAME.search(key) and not _NOT_PUBLISHED.search(key):
            found = parse_date(value)
            if found is not None:
                return found
    return None


def _compact_date(value: str) -> Found | None:
    match = re.search(r"(?<![0-9])((?:19|20)[0-9]{2})([01][0-9])([0-3][0-9])(?![0-9])", value)
    if match is None:
        return None
    try:
        return Found(match.group(0), dt.date(*map(int, match.groups())), None)
    except ValueError:
        return None


def _date_in_address(url: str | None) -> Found | None:
    if not url:
        return None
    match = re.search(r"/((?:19|20)[0-9]{2})[-/_]?([01][0-9])[-/_]?([0-3][0-9])/", url)
    if match is None:
        match = re.search(r"/((?:19|20)[0-9]{2})-([01]?[0-9])-([0-3]?[0-9])[/_]", url)
    if match is None:
        return None
    try:
        return Found(match.group(0).strip("/"), dt.date(*map(int, match.groups())), None)
    except ValueError:
        return None


# -- byline, keywords, address, site ---------------------------------------------------


def find_byline(near: list[TextBlock], head: Head) -> str | None:
    """``作者：Y 来源：X`` as the page shows them near the headline, or the declared author."""
    declared = head.meta.get("author") or head.meta.get("article:author") \
        or head.json_ld.get("author")
    return byline_from_lines([b.text for b in near], declared)


def byline_from_lines(near: list[str], declared: str | None = None) -> str | None:
    """``作者：Y 来源：X`` from the lines around a headline (``declared``: a fallback author)."""
    source = author = None
    for text in near:
        if len(text) > 200:
            continue
        if source is None:
            match = _SOURCE.search(text)
            source = match.group(1) if match else None
        if author is None:
            match = _AUTHOR.search(text)
            author = match.group(1) if match else None
    author = author or declared
    parts = []
    if author:
        parts.append(f"作者：{collapse(author)[:40]}")
    if source:
        parts.append(f"来源：{source}")
    return " ".join(parts) or None


def find_keywords(head: Head) -> tuple[str, ...]:
    raw = head.meta.get("keywords") or head.meta.get("news_keywords") or ""
    seen: list[str] = []
    for word in _KEYWORD_SPLIT.split(raw):
        word = word.strip()
        if word and word not in seen and len(word) <= 30:
            seen.append(word)
    return tuple(seen[:20])


def find_url(head: Head, given: str | None) -> str | None:
    """The canonical address: ``link rel=canonical``, ``og:url``, else where it was saved from."""
    for candidate in (head.canonical, head.meta.get("og:url"), given):
        if candidate and re.match(r"https?://[^\s/]+", candidate.strip()):
            return candidate.strip()
    return None


def find_site(head: Head, headline: str | None) -> str | None:
    for key in ("og:site_name", "application-name", "apple-mobile-web-app-title"):
        if head.meta.get(key):
            return collapse(head.meta[key])[:60]
    if head.json_ld.get("publisher"):
        return collapse(head.json_ld["publisher"])[:60]
    parts = title_parts(head.title_tag)
    if len(parts) >= 2:
        last = collapse(parts[-1])
        if last and (headline is None or _norm(last) not in _norm(headline)) and len(last) <= 30:
            return last
    return None


def is_heading_block(block: TextBlock) -> bool:
    return block.owner.tag in HEADING_TAGS
