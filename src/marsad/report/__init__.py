"""Reports of the analysis document: one self-contained right-to-left HTML file, or Markdown.

Anchors of the HTML report, stable for links from elsewhere:
  #story-STORY_ID          a story's section (the index at #index links to each one)
  #art-ARTICLE_ID          an article (a <details> that opens when a link targets it or anything in it)
  #s-ARTICLE_ID-START      a sentence of the article, START being its offset in the article's text
  #ev-ARTICLE_ID-START-END an evidence span: opening it highlights text[START:END] (code points) in a <mark>
"""

from marsad.report.html import render_html
from marsad.report.markdown import render_markdown

__all__ = ["render_html", "render_markdown"]
