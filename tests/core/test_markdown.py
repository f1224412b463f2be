from portal.core.markdown import render_markdown


def test_render_markdown_keeps_formatting():
    html = render_markdown("**bold** and *italic*\n\n- one\n- two")
    assert "<strong>bold</strong>" in html
    assert "<em>italic</em>" in html
    assert "<li>one</li>" in html


def test_render_markdown_strips_scripts_and_event_handlers():
    html = render_markdown('<script>alert(1)</script><img src=x onerror="alert(2)">'
                           '<a href="javascript:alert(3)">x</a>')
    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


def test_render_markdown_marks_links_as_untrusted():
    html = render_markdown("[site](https://example.org)")
    assert 'href="https://example.org"' in html
    assert "nofollow" in html


def test_render_markdown_of_nothing_is_empty():
    assert render_markdown(None) == ""
