"""One URL, one source: two source records whose `url`s are the same page are one source told
twice (two ids, two bibliography entries, quotes split between them). The index of normalised
URLs is built once per validation; `python -m scripts new source --url` asks it too.

Two URLs are the same page when they differ only by: the scheme (http, https), the case of the
host, a leading `www.`, a default port, a trailing slash, the fragment (#...), tracking
parameters (utm_*, fbclid, gclid, xtor...), the order of the other parameters, or the
percent-encoding of the path (`%C3%A9` and `é`)."""
from __future__ import annotations

from collections import defaultdict
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from ..model.messages import say
from ..model.problems import Problem
from ..model.records import LoadedData, Record
from .messages import at

TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_")
TRACKING_KEYS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "xtor", "xtref",
                           "yclid", "igshid", "_hsenc", "_hsmi", "ref_src", "cmpid", "ito", "ns_campaign",
                           "ns_mchannel", "ns_source", "ns_linkname", "ns_fee", "wt.mc_id"})
DEFAULT_PORTS = {"http": 80, "https": 443}


def normalised(url: str) -> str | None:
    """The form under which two addresses of one page meet; None when `url` is not an http(s) URL."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    if port is not None and port != DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    path = unquote(parts.path).rstrip("/")
    query = sorted((key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
                   if not tracking(key))
    return f"{host}{path}" + (f"?{urlencode(query)}" if query else "")


def tracking(key: str) -> bool:
    key = key.lower()
    return key in TRACKING_KEYS or key.startswith(TRACKING_PREFIXES)


def source_urls(records: list[Record]) -> dict[str, list[Record]]:
    """Normalised URL -> the source records that have it, in the order given."""
    index: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        if record.collection != "sources" or not isinstance(record.data.get("url"), str):
            continue
        key = normalised(record.data["url"])
        if key is not None:
            index[key].append(record)
    return index


def duplicate_urls(loaded: LoadedData) -> list[Problem]:
    problems = []
    for records in source_urls(loaded.records).values():
        if len(records) < 2:
            continue
        for record in records:
            others = ", ".join(f"{other.file} (id '{other.id}')" for other in records if other is not record)
            problems.append(at(record, ("url",), say("same_url", others=others)))
    return problems
