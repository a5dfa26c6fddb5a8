"""The article body of a saved page: which element holds it, and which of its lines stay.

This module owns choosing the article's container element and the reader's blocks
within it. Every text block is weighed: prose (sentence punctuation, few links)
counts for a container, link text and bare short lines count against it; the
element with the best balance holds the article. Inside it, navigation and related
lists (mostly links), share widgets, comment sections, copyright footers, editor
lines and app promotions are dropped by general rules on their text and links,
never by a site's host name or element ids. Must not import SQL, Qt, the store or a
format module.
"""

from __future__ import annotations

import re

import lxml.etree

from newsreader.dumps.model import Block
from newsreader.dumps.page_tree import TextBlock

_PROSE_PUNCT = re.compile(r"[。，；！？、：,.;!?]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_UNPUNCTUATED_LINE = 16
_CJK_OR_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9]")

# Headings that start a list of other articles or the comments: nothing after them
# in the container is the article.
STOP = re.compile(
    r"^[【\[（(「『]?\s*(?:相关(?:阅读|新闻|文章|推荐|报道|链接|专题|内容)|延伸阅读|推荐阅读|"
    r"热门(?:推荐|文章|新闻|评论)|猜你喜欢|为你推荐|为您推荐|精彩推荐|更多(?:精彩|阅读|新闻)|"
    r"往期(?:回顾|推荐|精选)|网友评论|热门评论|最新评论|全部评论|发表评论|我要评论|"
    r"评论区|今日推荐|热点推荐|大家都在看|看了又看|点击排行|排行榜|"
    r"(?:其他人|大家|网友|其他人)(?:也|都)在看|相關(?:新聞|文章)|延伸閱讀|推薦閱讀|更多新聞)"
)
# One-line boilerplate inside the article container.
_EDITOR = re.compile(
    r"^[【\[（(]?\s*(?:责任编辑|责编|编辑|实习编辑|校对|审核|审校|监制|编审|值班编辑|"
    r"主编|终审|初审|复审|统筹|策划|制作|本文编辑)\s*[：:|｜]"
)
_BOILERPLATE = re.compile(
    r"版权所有|版权声明|copyright|©|未经(?:授权|许可|本网)|不得转载|禁止转载|转载请注明|"
    r"免责声明|本文(?:仅代表|系作者|观点)|分享到|扫一扫|扫描二维码|打开APP|下载(?:APP|客户端)|"
    r"点击(?:查看|进入|下载)|关注(?:我们|公众号)|二维码|返回(?:首页|顶部)|"
    r"^(?:文章)?(?:关键词|关键字|标签|tags?)\s*[：:]|平台声明|仅提供信息(?:存储|发布)|"
    r"仅代表作者(?:本人)?观点|不代表本(?:网|站|平台)|"
    r"(?:阅读|閱讀)(?:全文|整篇文章|原文)|展开全文|展開全文|查看原文|"
    r"^(?:收藏|点赞|分享|打印|纠错|举报\s*$|关闭窗口|上一篇|下一篇|字号|微信|微博|QQ空间)",
    re.IGNORECASE,
)
_MAX_BOILERPLATE_LINE = 90
# Words of class/id names that mark furniture, as markup conventionally names it.
_NAME_WORDS = re.compile(r"[A-Za-z]+")
_FURNITURE_WORDS = frozenset((
    "comment", "comments", "cmt", "reply", "replies", "related", "recommend", "recommends",
    "sidebar", "footer", "share", "sharing", "nav", "navbar", "breadcrumb", "breadcrumbs",
    "advert", "advertisement", "ads", "sponsor", "sponsored", "hotnews", "ranking", "rank",
    "aside", "sns", "social", "login", "toolbar", "copyright",
))
RELATIVE_TIME = re.compile(r"[0-9]+\s*(?:秒|分钟|小时|天|周|个月|個月|小時|星期)前|刚刚|剛剛")
RELATIVE_TIME_JUNK = 40.0
_WRAPPER_SHARE = 0.8
_SENTENCE = re.compile(r"[。！？；，!?;,]")
# Lines that open an article without being sentences (kept above its first sentence).
_KEEP_LEADING = re.compile(r"^[（(【\[]?\s*(?:原标题|原題|导读|摘要|编者按|本报讯|新华社)")
# Boilerplate that closes an article: what follows is the page's, not the article's.
_END = re.compile(
    r"^[【\[（(]?\s*(?:责任编辑|责编|编辑|分享到|关键词|关键字|标签|相关标签|平台声明)"
    r"\s*[：:|｜]|分享到|"
    r"仅提供信息(?:存储|发布)|仅代表作者(?:本人)?观点|不代表本(?:网|站|平台)"
)
# Running prose an article has before a "related" heading or a share bar ends it.
_ARTICLE_BEFORE_STOP = 150
_LINK_HEAVY = 0.5


def is_boilerplate(text: str) -> bool:
    """An editor line, copyright notice, share or app-promotion line (short lines only)."""
    return len(text) <= _MAX_BOILERPLATE_LINE and bool(
        _EDITOR.match(text) or _BOILERPLATE.search(text))


def furniture_marks(
    blocks: list[TextBlock], headline: TextBlock | None = None
) -> set[lxml.etree._Element]:
    """Elements whose class or id names them as page furniture (comments, related lists,
    sidebars, share bars ...), by the words markup conventionally uses for them.

    An element holding the headline, or nearly all of the page's text, is a wrapper
    whatever its name says (``<div class="container has-nav">``): never furniture.
    """
    holding_headline: set[lxml.etree._Element] = set()
    if headline is not None:
        holding_headline.update(headline.owner.iterancestors())
        holding_headline.add(headline.owner)
    size: dict[lxml.etree._Element, int] = {}
    total = 0
    for block in blocks:
        total += len(block.text)
        el = block.owner
        while el is not None:
            size[el] = size.get(el, 0) + len(block.text)
            el = el.getparent()
    marked: set[lxml.etree._Element] = set()
    for el, chars in size.items():
        if chars > total * _WRAPPER_SHARE or el in holding_headline:
            continue
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        if names.strip() and any(
            w.lower() in _FURNITURE_WORDS for w in _NAME_WORDS.findall(names)
        ):
            marked.add(el)
    return marked


def _under(el: lxml.etree._Element | None, marked: set[lxml.etree._Element],
           stop: lxml.etree._Element | None = None) -> bool:
    while el is not None and el is not stop:
        if el in marked:
            return True
        el = el.getparent()
    return False


def _weights(block: TextBlock, furniture: bool = False) -> tuple[float, float]:
    """(content, junk) weight of a block: prose counts for, links and bare lines against."""
    length = len(block.text)
    links = block.link_chars
    plain = max(length - links, 0)
    if furniture:
        return 0.0, float(length)
    if RELATIVE_TIME.search(block.text) and length <= 30:
        return 0.0, RELATIVE_TIME_JUNK  # a comment's or a feed item's "3小时前"
    if links > length * _LINK_HEAVY:
        return 0.0, float(length)
    if (_PROSE_PUNCT.search(block.text) and plain >= 10) or (
        not links and len(_CJK.findall(block.text)) >= _UNPUNCTUATED_LINE
    ):
        # Prose; or a long run of Chinese with spaces for punctuation (blogs, poems).
        return float(plain), float(links)
    return 0.0, plain * 0.3 + links


def choose_container(
    blocks: list[TextBlock], furniture: set[lxml.etree._Element]
) -> lxml.etree._Element | None:
    """The element whose blocks hold the most prose for the least junk."""
    content: dict[lxml.etree._Element, float] = {}
    junk: dict[lxml.etree._Element, float] = {}
    for block in blocks:
        good, bad = _weights(block, _under(block.owner, furniture))
        if not good and not bad:
            continue
        el = block.owner
        while el is not None:
            content[el] = content.get(el, 0.0) + good
            junk[el] = junk.get(el, 0.0) + bad
            el = el.getparent()
    best = None
    best_score = 0.0
    for el, good in content.items():
        score = good - junk[el]
        if score > best_score:
            best, best_score = el, score
    return best


def is_sentence(text: str) -> bool:
    """A line of running prose (not a label, caption or widget text)."""
    return len(text) >= 20 and (
        bool(_SENTENCE.search(text)) or len(_CJK.findall(text)) >= _UNPUNCTUATED_LINE + 4)


def body_blocks(
    blocks: list[TextBlock], container: lxml.etree._Element, headline: str | None,
    furniture: set[lxml.etree._Element] | None = None,
) -> tuple[Block, ...]:
    """The reader's blocks of the article inside ``container``."""
    out: list[Block] = []
    prose = 0  # characters of running prose kept so far
    seen_headline = False
    inside = set(container.iter())
    for block in blocks:
        if block.owner not in inside:
            continue
        if furniture and _under(block.owner, furniture, container):
            continue
        text = block.text
        if headline and not seen_headline and text == headline:
            seen_headline = True
            out.clear()  # what came before the headline in the container is its furniture
            prose = 0
            continue
        if STOP.match(text) and len(text) <= 20:
            if prose >= _ARTICLE_BEFORE_STOP:
                break
            continue  # a list of other articles above the article: skip its heading
        if not _CJK_OR_WORD.search(text):
            continue
        if block.link_chars > len(text) * _LINK_HEAVY:
            continue
        if is_boilerplate(text):
            if prose >= _ARTICLE_BEFORE_STOP and _END.search(text):
                break  # the share bar, keywords or editor line under the article
            continue
        if not prose and not is_sentence(text) and not _KEEP_LEADING.match(text):
            continue  # widget text above the article's first sentence
        kind = "heading" if block.heading else "caption" if block.caption else "paragraph"
        out.append(Block(kind, text))
        if is_sentence(text):
            prose += len(text)
    return tuple(out)
