"""Small saved web pages written for the tests (our own text, never a publisher's).

A page has the furniture real portals put around an article: a navigation bar, a
site-suffixed <title>, a date/source line under the headline, share buttons, an
editor line, a related-articles list, comments and a copyright footer.
"""

from __future__ import annotations

import email.encoders
import email.generator
import email.mime.base
import email.mime.multipart
import email.mime.text
import io

HEADLINE = "河边新修的步道本周末向市民开放"
PARAGRAPHS = (
    "记者从市园林局获悉，沿河步道改造工程已经全部完工，本周六起向市民免费开放。",
    "步道全长约六公里，沿途设置了十二处休息点和三座观景平台，夜间照明也同步更新。",
    "园林局负责人表示，下一步还将在步道两侧补种乔木，方便市民夏季纳凉。",
)
SUBHEADING = "周边交通"
LAST = "市民可乘坐公交三路、十七路到达步道入口，附近停车场提供两百个车位。"
URL = "https://news.example.com/2023/08/10/walkway.html"


def article_page(
    *,
    charset_meta: str | None = "utf-8",
    headline: str = HEADLINE,
    date_line: str = "2023年08月10日 18:25　来源：本地日报　作者：李明",
    canonical: str | None = URL,
    extra_head: str = "",
    comments: bool = True,
) -> str:
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    related = "".join(
        f'<li><a href="/n{i}.html">另一条本地新闻的标题第{i}条</a></li>' for i in range(8)
    )
    nav = "".join(f'<a href="/c{i}">频道{i}</a> ' for i in range(10))
    comment_block = (
        '<div class="comments"><h3>网友评论</h3>'
        "<p>这条步道修得真好，周末带孩子去走走。</p><p>希望多设几个厕所。</p></div>"
        if comments else ""
    )
    return f"""<!DOCTYPE html>
<html><head>{meta}<title>{headline}_本地新闻网</title>{link}
<meta name="keywords" content="步道,园林,周末">
<meta property="og:site_name" content="本地新闻网">
<script>document.write("<p>脚本写的文字不是正文。</p>"); alert(1)</script>
<style>p {{ color: red }}</style>{extra_head}
</head>
<body onload="steal()">
<div class="nav">{nav}</div>
<div class="main">
  <h1>{headline}</h1>
  <div class="info">{date_line}</div>
  <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
  <div class="article">
    {paragraphs}
    <h2>{SUBHEADING}</h2>
    <p>{LAST}</p>
    <p style="display:none">隐藏的文字也不是正文，读者看不见它。</p>
    <iframe src="https://ads.example.com/x"></iframe>
    <p>（责任编辑：王芳）</p>
  </div>
  <div class="related"><h3>相关新闻</h3><ul>{related}</ul></div>
  {comment_block}
</div>
<div class="footer">版权所有 &copy; 2023 本地新闻网 未经授权不得转载</div>
</body></html>
"""


def as_mhtml(page: bytes, *, url: str = URL, transfer: str = "quoted-printable",
             charset: str | None = "utf-8") -> bytes:
    """``page`` wrapped the way Chromium saves a single-file page."""
    root = email.mime.multipart.MIMEMultipart("related", type="text/html")
    root["Subject"] = "saved page"
    root["Snapshot-Content-Location"] = url
    part = email.mime.base.MIMEBase("text", "html", **({"charset": charset} if charset else {}))
    part.set_payload(page)
    if transfer == "base64":
        email.encoders.encode_base64(part)
    else:
        email.encoders.encode_quopri(part)
    part["Content-Location"] = url
    root.attach(part)
    css = email.mime.text.MIMEText("p { margin: 0 }", "css")
    css["Content-Location"] = url + ".css"
    root.attach(css)
    out = io.BytesIO()
    email.generator.BytesGenerator(out, mangle_from_=False).flatten(root)
    return out.getvalue()
