from citylearn.explainers.glossary import Term, link_glossary_terms

PI = Term("个人信息", "personal-information", ["个人数据"], "定义")
SPI = Term("敏感个人信息", "sensitive-personal-information", [], "定义")


def linked(html, terms=(PI, SPI)):
    return link_glossary_terms(html, terms, glossary_url="/glossary/")


def link(slug, text):
    return (
        f'<a class="glossary-term" href="/glossary/#{slug}" '
        f'aria-describedby="term-{slug}">{text}</a>'
    )


def test_only_the_first_use_of_a_term_is_linked():
    body = linked("<p>个人信息很重要。个人信息要保护。</p>")
    assert (
        body.html
        == f"<p>{link('personal-information', '个人信息')}很重要。个人信息要保护。</p>"
    )
    assert body.terms == [PI]


def test_an_alias_counts_as_a_use_of_its_term():
    body = linked("<p>个人数据和个人信息</p>")
    assert body.html == f"<p>{link('personal-information', '个人数据')}和个人信息</p>"


def test_the_longest_term_wins_where_terms_overlap():
    body = linked("<p>敏感个人信息，以及个人信息</p>")
    assert link("sensitive-personal-information", "敏感个人信息") in body.html
    assert link("personal-information", "个人信息") in body.html
    assert [term.slug for term in body.terms] == [
        "sensitive-personal-information",
        "personal-information",
    ]


def test_terms_in_links_headings_and_code_are_left_alone():
    html = (
        "<h2>个人信息</h2>"
        '<p><a href="/x/">关于<strong>个人信息</strong></a></p>'
        "<pre><code>个人信息</code></pre>"
        "<p>用<code>个人信息</code>举例</p>"
    )
    body = linked(html + "<p>个人信息</p>")
    assert body.html == html + f"<p>{link('personal-information', '个人信息')}</p>"


def test_attributes_are_never_rewritten():
    body = linked('<p><img src="/a.png" alt="个人信息"> 个人信息</p>')
    assert 'alt="个人信息"' in body.html
    assert body.html.count("glossary-term") == 1


def test_a_body_without_terms_is_returned_as_it_is():
    html = "<p>没有术语</p>"
    assert linked(html).html == html
    assert linked(html, terms=()).html == html


def test_a_term_inside_a_laws_title_is_not_linked():
    body = linked("<p>《个人信息保护法》规定，个人信息……《敏感个人信息处理指南》</p>")
    assert body.html == (
        f"<p>《个人信息保护法》规定，{link('personal-information', '个人信息')}"
        "……《敏感个人信息处理指南》</p>"
    )
    assert body.terms == [PI]
