"""Hostile and random text for form fields (hypothesis strategies)."""

from hypothesis import strategies as st

SNIPPETS = [
    "'; DROP TABLE members_user; --",
    "' OR '1'='1",
    "1); SELECT pg_sleep(10); --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ request.user.password }}",
    "{% debug %}",
    "\x00",
    "a\x00b",
    "%00",
    "../../../../etc/passwd",
    "\r\nSet-Cookie: evil=1",
    "\u202egnp.exe",
    "\ufeff\u200b",
    "😀👨‍👩‍👧",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "2026-02-30",
    "2026-13-45T99:99",
    "9999-12-31T23:59",
    "0001-01-01T00:00",
    "true",
    "null",
    "[]",
    " ",
    "",
    "javascript:alert(1)",
    "//evil.example/",
    "https://evil.example/",
]

# Long values: over every max_length, up to the size a textarea accepts.
long_text = st.builds(
    lambda chunk, times: chunk * times,
    st.sampled_from(["A", "ä", "<b>", "\x00", "\u202e", "💥", "x\r\n"]),
    st.integers(min_value=201, max_value=25_000),
)

hostile_text = st.one_of(
    st.sampled_from(SNIPPETS),
    st.text(max_size=60),  # any code point but surrogates: control characters included
    st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=40),  # ASCII and C0/C1 controls
    st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=8)), min_size=2, max_size=5).map("".join),
    long_text,
)


def hostile_fields(*names: str):
    return st.fixed_dictionaries(dict.fromkeys(names, hostile_text))
