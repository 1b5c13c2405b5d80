"""Session 48: the result page lists a point's facts of one sentence once, under Claims to check
(the CLI and batch faces: tests/test_s48_facts_once.py)."""

from __future__ import annotations

import re
from html import unescape

from webtest_support import QUESTION, RUBRIC, Browser

# our own words: two facts of one point (the summit's number and year) in one sentence, both
# right; and two of another (the first 2+2's year and city) in one clause, both wrong
ANSWER = (
    "The leaders met at the 14th annual summit in 2022 and set a five trillion yen goal. "
    "The first India-Japan 2+2 met in 2018 in Tokyo."
)


def _claims_to_check(browser: Browser) -> list[str]:
    browser.register("summiteer")
    response = browser.submit(ANSWER, url=f"/write/{RUBRIC}/{QUESTION}")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    html = browser.client.get(response.headers["Location"]).get_data(as_text=True)
    card = html.split('id="flagged-heading"', 1)[1].split("</section>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", card, flags=re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", item)).split()) for item in items]


def test_the_result_page_lists_a_points_facts_of_one_sentence_once(browser: Browser) -> None:
    items = _claims_to_check(browser)
    summit = [i for i in items if "14th" in i]
    assert summit == [
        "supported 14th annual summit (March 2022), post-COVID partnership — correct: 14th, 2022"
    ]
    wrong = [i for i in items if "Tokyo" in i]
    assert len(wrong) == 1, items
    assert wrong[0].startswith("contradicted Ministerial 2+2 upgraded from the secretary-level 2+2")
    assert wrong[0].count("“The first India-Japan 2+2 met in 2018 in Tokyo") == 1
    assert wrong[0].endswith("the source notes say 2019 and New Delhi")
