"""Text prepared for the full-text index so that Chinese words are found inside sentences.

Full-text indexes (SQLite FTS5 and PostgreSQL's tsvector alike) take a run of Chinese
characters without spaces as one token, so `指挥` would never match `城市大脑运营指挥中心`.
We index overlapping two-character grams instead of segmenting words: it needs no
dictionary (jieba's misses new legal terms such as 去标识化 and costs seconds to load),
behaves identically on both databases, and any query of two or more characters becomes
grams that must all be present.
"""

import re

# Runs of CJK ideographs, or of Latin letters and digits.
TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[A-Za-z0-9]+")
MAX_QUERY_LENGTH = 100


def grams(text: str) -> list[str]:
    """Overlapping bigrams of each CJK run; Latin words whole and lower-cased."""
    result = []
    for token in TOKEN.findall(text):
        if token.isascii():
            result.append(token.lower())
        elif len(token) == 1:
            result.append(token)
        else:
            result.extend(token[i : i + 2] for i in range(len(token) - 1))
    return result


def index_text(*parts: str) -> str:
    return " ".join(grams(" ".join(part for part in parts if part)))


def query_grams(query: str) -> list[str]:
    """The grams a query must match, without duplicates, in order."""
    return list(dict.fromkeys(grams(query[:MAX_QUERY_LENGTH])))
