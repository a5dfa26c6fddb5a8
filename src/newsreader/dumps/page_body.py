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
_CJK_OR_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9]")

# Headings that start a list of other articles or the comments: nothing after them
# in the container is the article.
STOP = re.compile(
    r"^[【\[（(「『]?\s*(?:相关(?:阅读|新闻|文章|推荐|报道|链接|专题|内容)|延伸阅读|推荐阅读|"
    r"热门(?:推荐|文章|新闻|评论)|猜你喜欢|为你推荐|为您推荐|精彩推荐|更多(?:精彩|阅读|新闻)|"
    r"往期(?:回顾|推荐|精选)|网友评论|热门评论|最新评论|全部评论|发表评论|我要评论|"
    r"评论区|今日推荐|热点推荐|大家都在看|看了又看|点击排行|排行榜)"
)
# One-line boilerplate inside the article container.
_EDITOR = re.compile(
    r"^[【\[（(]?\s*(?:责任编辑|责编|编辑|实习编辑|校对|审核|审校|监制|编审|值班编辑|"
    r"主编|终审|初审|复审|统筹|策划|制作|本文编辑)\s*[：:]"
)
_BOILERPLATE = re.compile(
    r"版权所有|版权声明|copyright|©|未经(?:授权|许可|本网)|不得转载|禁止转载|转载请注明|"
    r"免责声明|本文(?:仅代表|系作者|观点)|分享到|扫一扫|扫描二维码|打开APP|下载(?:APP|客户端)|"
    r"点击(?:查看|进入|下载)|关注(?:我们|公众号)|长按(?:识别|二维码)|举报|返回(?:首页|顶部)|"
    r"^(?:收藏|点赞|分享|打印|纠错|关闭窗口|上一篇|下一篇|字号|微信|微博|QQ空间)",
    re.IGNORECASE,
)
_MAX_BOILERPLATE_LINE = 60
_LINK_HEAVY = 0.5


def is_boilerplate(text: str) -> bool:
    """An editor line, copyright notice, share or app-promotion line (short lines only)."""
    return len(text) <= _MAX_BOILERPLATE_LINE and bool(
        _EDITOR.match(text) or _BOILERPLATE.search(text))


def _weights(block: TextBlock) -> tuple[float, float]:
    """(content, junk) weight of a block: prose counts for, links and bare lines against."""
    length = len(block.text)
    links = block.link_chars
    plain = max(length - links, 0)
    if links > length * _LINK_HEAVY:
        return 0.0, float(length)
    if _PROSE_PUNCT.search(block.text) and plain >= 10:
        return float(plain), float(links)
    return 0.0, plain * 0.3 + links


def choose_container(blocks: list[TextBlock]) -> lxml.etree._Element | None:
    """The element whose blocks hold the most prose for the least junk."""
    content: dict[lxml.etree._Element, float] = {}
    junk: dict[lxml.etree._Element, float] = {}
    for block in blocks:
        good, bad = _weights(block)
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


def body_blocks(
    blocks: list[TextBlock], container: lxml.etree._Element, headline: str | None
) -> tuple[Block, ...]:
    """The reader's blocks of the article inside ``container``."""
    out: list[Block] = []
    seen_headline = False
    inside = set(container.iter())
    for block in blocks:
        if block.owner not in inside:
            continue
        text = block.text
        if headline and not seen_headline and text == headline:
            seen_headline = True
            out.clear()  # what came before the headline in the container is its furniture
            continue
        if STOP.match(text) and len(text) <= 20:
            if out:
                break
            continue
        if not _CJK_OR_WORD.search(text):
            continue
        if block.link_chars > len(text) * _LINK_HEAVY:
            continue
        if is_boilerplate(text):
            continue
        kind = "heading" if block.heading else "caption" if block.caption else "paragraph"
        out.append(Block(kind, text))
    return tuple(out)
