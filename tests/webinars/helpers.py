import re
from html import unescape


def page_text(response_or_html) -> str:
    """The visible text of a page, tags removed and whitespace collapsed."""
    html = response_or_html if isinstance(response_or_html, str) else \
        response_or_html.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
