"""Every size limit of the HTTP API in one place, so the docs, the routes and the middleware agree.

The limits keep one request from costing the server much more than the answer is worth: a
public read-only API is probed with long strings and huge page sizes, and must shrug them off.
"""

from __future__ import annotations

__all__ = [
    "DEFAULT_PAGE",
    "MAX_BODY_BYTES",
    "MAX_GRAPH_NODES",
    "MAX_LIST",
    "MAX_NEIGHBOUR_DEPTH",
    "MAX_PAGE",
    "MAX_PATHS",
    "MAX_PATH_HOPS",
    "MAX_QUERY_STRING_BYTES",
    "MAX_TEXT",
    "MAX_UID",
    "MAX_UIDS",
    "MAX_URL_PATH_BYTES",
]

#: Longest raw query string (after ``?``) accepted; longer gets 414.
MAX_QUERY_STRING_BYTES = 2048
#: Longest URL path accepted; longer gets 414.
MAX_URL_PATH_BYTES = 1024
#: Largest request body (only admin routes take one); larger gets 413.
MAX_BODY_BYTES = 64 * 1024
#: Longest uid or free-text parameter.
MAX_UID = 200
MAX_TEXT = 200
#: Page sizes: default and ceiling of every ``limit`` parameter.
DEFAULT_PAGE = 50
MAX_PAGE = 500
#: Connection paths: at most this many paths, each at most this many hops.
MAX_PATHS = 10
MAX_PATH_HOPS = 6
#: Neighbourhoods are one or two hops deep.
MAX_NEIGHBOUR_DEPTH = 2
#: Repeatable parameters (countries, kinds, relationship types): at most this many values.
MAX_LIST = 20
#: Graph export: at most this many uids asked for, and nodes returned.
MAX_UIDS = 200
MAX_GRAPH_NODES = 5000
