#!/usr/bin/env python3
"""Write test/data/forms/jinshan-2024.html (and its GBK copies) from the
Jinshan 2024 fixture text, test/data/parse/jinshan-2024.txt.

The page is shaped the way government sites serve these reports: a
<meta charset>, a layout table around the body (navigation, article,
footer), Word-pasted markup (MsoNormal paragraphs, mso styles, <o:p>,
conditional comments, <![if !supportLists]>), scripts and styles, and the
three statistical tables with rowspan and colspan.  The numbers are the
fixture's, with its real damage kept: section 二 has no 行政事业性收费 row,
and section 四's data row is shifted (five blank cells, then ten numbers).
Section 三 is split in two tables at a page break, the second repeating the
header rows; the label （四）无法提供 is split over two <p>.

Run from the repository root:  python3 test/data/forms/make-jinshan-html.py
The committed files are what the tests read; this script documents them.
"""
import html
import os
import subprocess

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
SRC = os.path.join(ROOT, "test", "data", "parse", "jinshan-2024.txt")
OUT = os.path.join(ROOT, "test", "data", "forms")

TITLE = "上海市金山区 2024 年政府信息公开工作 年度报告"

CELL_STYLE = ("border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;"
              "padding:0cm 5.4pt 0cm 5.4pt")
SPAN_STYLE = "font-size:10.5pt;font-family:宋体;mso-bidi-font-family:宋体;mso-font-kerning:0pt"


def esc(s):
    return html.escape(s, quote=False)


def td(text="", colspan=1, rowspan=1, paras=None, th=False):
    """One Word-pasted cell; empty text is &nbsp; in an <o:p>, as Word writes it."""
    attrs = ' width="%d" valign="center" style="%s"' % (60 * colspan, CELL_STYLE)
    if colspan > 1:
        attrs += ' colspan="%d"' % colspan
    if rowspan > 1:
        attrs += ' rowspan="%d"' % rowspan
    if paras is None:
        paras = [text]
    body = ""
    for p in paras:
        if p == "":
            inner = '<span lang="EN-US" style="%s"><o:p>&nbsp;</o:p></span>' % SPAN_STYLE
        else:
            inner = '<span style="%s">%s</span><span lang="EN-US"><o:p></o:p></span>' % (SPAN_STYLE, esc(p))
        body += '<p class="MsoNormal" align="center" style="text-align:center;mso-pagination:widow-orphan">%s</p>' % inner
    tag = "th" if th else "td"
    return "<%s%s>%s</%s>" % (tag, attrs, body, tag)


def tr(*cells):
    return '<tr style="mso-yfti-irow:0;height:20.0pt">\n  ' + "\n  ".join(cells) + "\n</tr>\n"


def nums(*vals):
    return [td(str(v)) for v in vals]


def table(rows, width=100):
    return ('<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" width="%d%%" '
            'style="border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;'
            'mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt">\n<tbody>\n%s</tbody>\n</table>\n'
            % (width, "".join(rows)))


def section2():
    rows = [
        tr(td("第二十条第（一）项", colspan=4)),
        tr(td("信息内容"), td("本年制发件数"), td("本年废止件数"), td("现行有效件数")),
        tr(td("规章"), *nums(0, 0, 0)),
        tr(td("行政规范性文件"), *nums(28, 18, 73)),
        tr(td("第二十条第（五）项", colspan=4)),
        tr(td("信息内容"), td("本年处理决定数量", colspan=3)),
        tr(td("行政许可"), td("60805", colspan=3)),
        tr(td("第二十条第（六）项", colspan=4)),
        tr(td("信息内容"), td("本年处理决定数量", colspan=3)),
        tr(td("行政处罚"), td("8256", colspan=3)),
        tr(td("行政强制"), td("122", colspan=3)),
        tr(td("第二十条第（八）项", colspan=4)),
        tr(td("信息内容"), td("本年收费金额（单位：万元）", colspan=3)),
        # the report prints no 行政事业性收费 row (real damage, kept)
    ]
    return table(rows)


def header3():
    return [
        tr(td("(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)", colspan=3, rowspan=3),
           td("申请人情况", colspan=7, th=True)),
        tr(td("自然人", rowspan=2), td("法人或其他组织", colspan=5), td("总计", rowspan=2)),
        tr(td("商业企业"), td("科研机构"), td("社会公益组织"), td("法律服务机构"), td("其他")),
    ]


def section3():
    withheld = [
        ("1.属于国家秘密", (0, 0, 0, 0, 0, 0, 0)),
        ("2.其他法律行政法规禁止公开", (0, 0, 0, 0, 0, 0, 0)),
        ("3.危及“三安全一稳定”", (0, 0, 0, 0, 0, 0, 0)),
        ("4.保护第三方合法权益", (3, 0, 0, 0, 0, 0, 3)),
        ("5.属于三类内部事务信息", (3, 0, 0, 0, 0, 0, 3)),
        ("6.属于四类过程性信息", (1, 0, 0, 0, 0, 0, 1)),
        ("7.属于行政执法案卷", (0, 0, 0, 0, 0, 0, 0)),
        ("8.属于行政查询事项", (8, 0, 0, 0, 1, 0, 9)),
    ]
    unable = [
        ("1.本机关不掌握相关政府信息", (102, 10, 0, 0, 0, 0, 112)),
        ("2.没有现成信息需要另行制作", (46, 1, 0, 0, 0, 0, 47)),
        ("3.补正后申请内容仍不明确", (1, 0, 0, 0, 0, 0, 1)),
    ]
    rejected = [
        ("1.信访举报投诉类申请", (0, 0, 0, 0, 0, 0, 0)),
        ("2.重复申请", (1, 0, 0, 0, 0, 0, 1)),
        ("3.要求提供公开出版物", (0, 0, 0, 0, 0, 0, 0)),
        ("4.无正当理由大量反复申请", (0, 0, 0, 0, 0, 0, 0)),
        ("5.要求行政机关确认或重新出具已获取信息", (0, 0, 0, 0, 0, 0, 0)),
    ]
    other = [
        ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", (26, 3, 0, 0, 0, 0, 29)),
        ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", (0, 0, 0, 0, 0, 0, 0)),
        ("3.其他", (116, 5, 0, 0, 0, 2, 123)),
    ]

    first = header3()
    first.append(tr(td("一、本年新收政府信息公开申请数量", colspan=3), *nums(582, 30, 0, 0, 1, 4, 617)))
    first.append(tr(td("二、上年结转政府信息公开申请数量", colspan=3), *nums(17, 1, 0, 0, 0, 0, 18)))
    # 三、本年度办理结果 spans the outcome rows of this part of the table
    first.append(tr(td("三、本年度办理结果", rowspan=2 + len(withheld)),
                    td("(一) 予以公开", colspan=2), *nums(129, 7, 0, 0, 0, 2, 138)))
    first.append(tr(td("(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)", colspan=2),
                    *nums(14, 1, 0, 0, 0, 0, 15)))
    for i, (label, v) in enumerate(withheld):
        cells = [td("(三) 不予公开", rowspan=len(withheld))] if i == 0 else []
        first.append(tr(*cells, td(label), *nums(*v)))

    # the page break: the second part repeats the header rows; its group
    # column is a blank cell spanning the outcome rows that are left
    second = header3()
    rest = len(unable) + len(rejected) + len(other) + 1
    groups = [
        (None, unable),
        ("(五) 不予处理", rejected),
        ("(六) 其他处理", other),
    ]
    lead = [td("", rowspan=rest)]
    for g, (name, items) in enumerate(groups):
        for i, (label, v) in enumerate(items):
            cells = list(lead)
            lead = []
            if i == 0:
                if name is None:
                    # the label printed over two lines of the cell
                    cells.append(td(rowspan=len(items), paras=["(四) 无法提", "供"]))
                else:
                    cells.append(td(name, rowspan=len(items)))
            second.append(tr(*cells, td(label), *nums(*v)))
    second.append(tr(td("总计", colspan=2), *nums(450, 27, 0, 0, 1, 4, 482)))
    second.append(tr(td("四、结转下年度继续办理", colspan=3), *nums(149, 4, 0, 0, 0, 0, 153)))
    return table(first) + '<p class="MsoNormal"><span lang="EN-US"><o:p>&nbsp;</o:p></span></p>\n' + \
        '<br clear="all" style="page-break-before:always">\n' + table(second)


def section4():
    results = ["结果 维持", "结果 纠正", "其他 结果", "尚未 审结", "总计"]
    rows = [
        tr(td("行政复议", colspan=5), td("行政诉讼", colspan=10)),
        tr(*[td(paras=r.split(" "), rowspan=2) for r in results],
           td("未经复议直接起诉", colspan=5), td("复议后起诉", colspan=5)),
        tr(*[td(paras=r.split(" ")) for r in results * 2]),
        # the report's shifted row (real damage, kept): five blank cells,
        # then ten numbers for fifteen columns
        tr(*[td("") for _ in range(5)], *nums(16, 3, 1, 2, 22, 5, 2, 0, 0, 7)),
    ]
    return table(rows)


def prose(lines):
    """Paragraphs: a line not ending a sentence continues the paragraph (PDF breaks)."""
    paras = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if paras and not paras[-1].endswith(("。", "：", "）", "”", "情况", "方面", "问题", "事项")) \
                and not line.startswith(("（", "一、", "二、", "三、", "四、", "五、", "六、")):
            paras[-1] += line
        else:
            paras.append(line)
    out = []
    for p in paras:
        if p.startswith(("一、", "二、", "三、", "四、", "五、", "六、")):
            out.append('<p class="MsoNormal" style="text-indent:32.0pt;mso-char-indent-count:2.0">'
                       '<b><span style="font-family:黑体;mso-ascii-font-family:黑体">%s</span></b>'
                       '<span lang="EN-US"><o:p></o:p></span></p>' % esc(p))
        elif p.startswith("（"):
            out.append('<p class="MsoNormal" style="text-indent:32.0pt"><strong>%s</strong></p>' % esc(p))
        else:
            p = esc(p).replace("&lt;https://www.jinshan.gov.cn&gt;",
                               '<a href="https://www.jinshan.gov.cn" target="_blank">https://www.jinshan.gov.cn</a>')
            out.append('<p class="MsoNormal" style="text-indent:32.0pt;line-height:28.0pt">'
                       '<span style="font-size:16.0pt;font-family:仿宋_GB2312">&nbsp;&nbsp;%s</span></p>' % p)
    return "\n".join(out) + "\n"


def page(charset):
    text = open(SRC, encoding="utf-8").read().split("\n")
    idx = {}
    for i, line in enumerate(text):
        for key in ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况"):
            if line.strip() == key:
                idx[key] = i
    start = next(i for i, line in enumerate(text) if line.strip() == TITLE) + 1
    k2, k3, k4, k5 = (idx[k] for k in ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                       "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况"))
    article = (prose(text[start:k2 + 1]) + section2() + prose(text[k3:k3 + 1]) + section3() +
               prose(text[k4:k4 + 1]) + section4() + prose(text[k5:]))
    return """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=%(charset)s" />
<meta charset="%(charset)s">
<meta name="ArticleTitle" content="%(title)s">
<title>%(title)s</title>
<link rel="stylesheet" href="/css/common.css" type="text/css">
<style type="text/css">
.MsoNormal { font-family: 宋体; margin: 0; }
table.MsoNormalTable { mso-style-name: 普通表格; }
</style>
<script type="text/javascript">
var _hmt = _hmt || [];
document.write("<table><tr><td>not content</td></tr></table>");
</script>
</head>
<body>
<!-- header -->
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="layout">
<tr><td height="120" class="banner"><img src="/images/banner.jpg" alt="上海金山"></td></tr>
<tr><td class="nav">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</td></tr>
<tr><td class="content" valign="top">
<div class="article-title"><h1>%(title)s</h1></div>
<div class="article-info">发布日期：2025-01-17&nbsp;&nbsp;&nbsp;来源：金山区人民政府办公室</div>
<div class="article-content" id="ivs_content">
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->
<div class="WordSection1" style="layout-grid:15.6pt">
%(article)s</div>
</div>
</td></tr>
<tr><td class="footer">主办：上海市金山区人民政府办公室&nbsp;&nbsp;<script>document.write("访问量");</script></td></tr>
</table>
</body>
</html>
""" % {"charset": charset, "title": esc(TITLE), "article": article}


def main():
    utf8 = page("utf-8")
    with open(os.path.join(OUT, "jinshan-2024.html"), "w", encoding="utf-8") as f:
        f.write(utf8)
    # the GBK copies, made with iconv; it fails (and says where) when a
    # character has no GBK form
    for src, dst, body in ((SRC, "jinshan-2024.gbk.txt", None),
                           (None, "jinshan-2024.gbk.html", page("gbk"))):
        data = open(src, "rb").read() if src else body.encode("utf-8")
        gbk = subprocess.run(["iconv", "-f", "UTF-8", "-t", "GBK"], input=data,
                             stdout=subprocess.PIPE, check=True).stdout
        back = subprocess.run(["iconv", "-f", "GBK", "-t", "UTF-8"], input=gbk,
                              stdout=subprocess.PIPE, check=True).stdout
        if back != data:
            raise SystemExit("%s: a character did not survive GBK" % dst)
        with open(os.path.join(OUT, dst), "wb") as f:
            f.write(gbk)


if __name__ == "__main__":
    main()
