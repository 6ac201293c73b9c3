"""Relationships explained in one sentence, in Polish or English.

Polish names are not declined (a program cannot decline "Stowarzyszenie Gmin RP Euroregion
Bałtyk" reliably), so every Polish sentence puts the other node's name in quotation marks after
a declined category noun: "jest członkiem sieci „Euroregion Bałtyk” od 2002 r.". Past facts
use a nominal phrase ("— członek sieci „…” w latach 1999–2012") because a past-tense verb
would need the subject's grammatical gender, which a name does not tell.

Tense is decided against a reference day (the query's ``at``, else today): a fact whose
``valid_to`` is before it is told in the past.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from partnergraph.model import Edge, Node, NodeLabel, PropValue, RelType
from partnergraph.queries.answers import EvidenceItem, Lang

__all__ = [
    "edge_evidence",
    "edge_period",
    "edge_sentence",
    "finding_sentence",
    "held_sentence",
    "intersect",
    "is_past",
    "span",
    "tie_sentence",
    "when",
]

# Polish category nouns: genitive ("członkiem sieci"), locative ("w powiecie").
_GENITIVE: dict[NodeLabel, str] = {
    NodeLabel.COUNTRY: "państwa",
    NodeLabel.REGION: "regionu",
    NodeLabel.COUNTY: "powiatu",
    NodeLabel.MUNICIPALITY: "gminy",
    NodeLabel.ORGANISATION: "organizacji",
    NodeLabel.NETWORK: "sieci",
    NodeLabel.STRATEGY: "strategii",
    NodeLabel.PROGRAMME: "programu",
    NodeLabel.PRIORITY: "priorytetu",
    NodeLabel.PROJECT: "projektu",
    NodeLabel.AGREEMENT: "porozumienia",
    NodeLabel.SOURCE: "źródła",
}
_LOCATIVE: dict[NodeLabel, str] = {
    NodeLabel.COUNTRY: "państwie",
    NodeLabel.REGION: "regionie",
    NodeLabel.COUNTY: "powiecie",
    NodeLabel.MUNICIPALITY: "gminie",
    NodeLabel.ORGANISATION: "organizacji",
    NodeLabel.NETWORK: "sieci",
}
_NOMINATIVE: dict[NodeLabel, str] = {
    NodeLabel.STRATEGY: "Strategia",
    NodeLabel.PROGRAMME: "Program",
    NodeLabel.PRIORITY: "Priorytet",
    NodeLabel.PROJECT: "Projekt",
    NodeLabel.AGREEMENT: "Porozumienie",
    NodeLabel.NETWORK: "Sieć",
}
_ROLE_EN = {"lead": "lead partner", "partner": "a partner", "associated": "an associated partner"}
_ROLE_PL_INSTRUMENTAL = {
    "lead": "partnerem wiodącym",
    "partner": "partnerem",
    "associated": "partnerem stowarzyszonym",
}
_ROLE_PL_NOMINATIVE = {
    "lead": "partner wiodący",
    "partner": "partner",
    "associated": "partner stowarzyszony",
}
_STRENGTH_PL = {"strong": "zbieżność silna", "partial": "zbieżność częściowa"}


def _is_foreign_town(node: Node) -> bool:
    return node.label == NodeLabel.MUNICIPALITY and node.properties.get("gmina_type") == "foreign"


def _gen(node: Node) -> str:
    return "miasta" if _is_foreign_town(node) else _GENITIVE[node.label]


def _loc(node: Node) -> str:
    if _is_foreign_town(node):
        return "mieście"
    return _LOCATIVE.get(node.label, _GENITIVE[node.label])


def _q(name: str, lang: Lang) -> str:
    return f"„{name}”" if lang == "pl" else f"“{name}”"


def _text(value: PropValue | None) -> str | None:
    return value if isinstance(value, str) and value else None


# -- dates ---------------------------------------------------------------------------------


def _day(text: str, lang: Lang, *, end: bool) -> str:
    """A year when the date is a whole-year bound (how partial dates are stored), else the
    date as written ("2001-01" stays a month): Polish day-first, English ISO."""
    if len(text) == 10 and text.endswith("-12-31" if end else "-01-01"):
        return text[:4]
    if lang == "pl" and len(text) > 4:
        return ".".join(reversed(text.split("-")))
    return text


def _is_year(text: str) -> bool:
    return len(text) == 4


def intersect(periods: Iterable[tuple[str | None, str | None]]) -> tuple[str | None, str | None]:
    """The common part of several periods (may be empty: start after end)."""
    start: str | None = None
    end: str | None = None
    for lo, hi in periods:
        if lo is not None and (start is None or lo > start):
            start = lo
        if hi is not None and (end is None or hi < end):
            end = hi
    return start, end


def edge_period(edge: Edge, *nodes: Node) -> tuple[str | None, str | None]:
    """When a relationship held, narrowed by the dates of projects and agreements it touches
    (their dates usually live on the node, not on every participation)."""
    periods = [(edge.valid_from, edge.valid_to)]
    periods.extend(
        (node.valid_from, node.valid_to)
        for node in nodes
        if node.label in (NodeLabel.PROJECT, NodeLabel.AGREEMENT)
    )
    return intersect(periods)


def is_past(end: str | None, ref: dt.date) -> bool:
    """True when a fact ended before the reference day."""
    return end is not None and end < ref.isoformat()


def when(start: str | None, end: str | None, lang: Lang) -> str:
    """A period as a sentence adverbial: "since 2023", "from 1999 to 2012" / "od 2023 r." ..."""
    s = _day(start, lang, end=False) if start else None
    e = _day(end, lang, end=True) if end else None
    if s and e:
        if s == e:
            return f"in {s}" if lang == "en" else f"w {s} r."
        if lang == "en":
            return f"from {s} to {e}"
        if _is_year(s) and _is_year(e):
            return f"w latach {s}–{e}"
        return f"od {s} r. do {e} r."
    if s:
        return f"since {s}" if lang == "en" else f"od {s} r."
    if e:
        return f"until {e}" if lang == "en" else f"do {e} r."
    return ""


def span(start: str | None, end: str | None, lang: Lang) -> str:
    """A period for parentheses: "2009–2013", "since 2023" / "od 2023 r."."""
    s = _day(start, lang, end=False) if start else None
    e = _day(end, lang, end=True) if end else None
    if s and e:
        return s if s == e else f"{s}–{e}"
    return when(start, end, lang)


def held_sentence(periods: list[tuple[str | None, str | None]], lang: Lang) -> str:
    """When a chain held, as the answer states it: "Held 2020-02-01–2021-02-28." /
    "Łańcuch istniał: 01.02.2020–28.02.2021."; no dated link: it is not bounded in time;
    no period at all: its links never existed at the same time."""
    if not periods:
        if lang == "en":
            return "Historical chain: its links never existed at the same time."
        return "Łańcuch historyczny: jego ogniwa nigdy nie istniały jednocześnie."
    if periods == [(None, None)]:
        if lang == "en":
            return "No link of this chain is dated: the sources bound it in no period."
        return "Żadne ogniwo łańcucha nie ma dat: źródła nie ograniczają go w czasie."
    shown = ", ".join(span(start, end, lang) for start, end in periods)
    return _finish(f"Held {shown}." if lang == "en" else f"Łańcuch istniał: {shown}.")


def _unconfirmed_after(edge: Edge) -> bool:
    """A membership whose period ends on the last date a source confirms it, not on a known
    departure: the sources fall silent there (``confirmed`` = ``valid_to``, status not
    ``ended``)."""
    confirmed = _text(edge.properties.get("confirmed"))
    return (
        confirmed is not None
        and edge.valid_to is not None
        and edge.valid_to.startswith(confirmed)
        and edge.properties.get("status") != "ended"
    )


def _paren(*parts: str | None) -> str:
    shown = [part for part in parts if part]
    return f" ({'; '.join(shown)})" if shown else ""


def _role_note(edge: Edge, lang: Lang) -> str:
    """A membership role worth saying ("presidency", "coordinator"), not plain "member"."""
    role = _text(edge.properties.get("role"))
    if role is None or role.split(" ")[0] in ("member", "członek"):
        return ""
    return f" (role: {role})" if lang == "en" else f" (rola: {role})"


def _finish(sentence: str) -> str:
    """One full stop, also after an abbreviation ("od 2023 r.")."""
    return sentence[:-1] if sentence.endswith("..") else sentence


def _tail(text: str) -> str:
    return f" {text}" if text else ""


# -- one relationship ----------------------------------------------------------------------


def edge_evidence(
    edge: Edge,
    source: Node,
    target: Node,
    lang: Lang,
    *,
    ref: dt.date,
    programme: str | None = None,
    with_role: bool = False,
) -> EvidenceItem:
    """One relationship as an answer shows it: its period (narrowed by the project or
    agreement it touches), its sources and its sentence (see :func:`edge_sentence`);
    ``with_role`` also carries a participation's or membership's ``role``."""
    start, end = edge_period(edge, source, target)
    role = edge.properties.get("role") if with_role else None
    return EvidenceItem(
        type=edge.type,
        from_uid=edge.source,
        from_name=source.display_name(lang),
        to_uid=edge.target,
        to_name=target.display_name(lang),
        key=edge.key,
        valid_from=start,
        valid_to=end,
        sources=sorted(edge.sources),
        explanation=edge_sentence(edge, source, target, lang, ref=ref, programme=programme),
        role=role if isinstance(role, str) else None,
    )


def edge_sentence(
    edge: Edge,
    source: Node,
    target: Node,
    lang: Lang,
    *,
    ref: dt.date,
    programme: str | None = None,
) -> str:
    """Explain one relationship in its own direction (``source`` is ``edge.source``).

    ``programme`` is the name of the programme funding a project, added to participations.
    """
    a, b = source.display_name(lang), target.display_name(lang)
    start, end = edge_period(edge, source, target)
    past = is_past(end, ref)
    status = _text(edge.properties.get("status"))
    if lang == "en":
        return _finish(_edge_en(edge, source, target, a, b, start, end, past, status, programme))
    return _finish(_edge_pl(edge, source, target, a, b, start, end, past, status, programme))


def _edge_en(
    edge: Edge,
    source: Node,
    target: Node,
    a: str,
    b: str,
    start: str | None,
    end: str | None,
    past: bool,
    status: str | None,
    programme: str | None,
) -> str:
    lang: Lang = "en"
    is_ = "was" if past else "is"
    match edge.type:
        case RelType.PART_OF:
            return f"{a} is part of {b}."
        case RelType.LOCATED_IN:
            return f"{a} is based in {b}."
        case RelType.MEMBER_OF:
            suspended = " (membership suspended)" if status == "suspended" else ""
            suspended += _role_note(edge, "en")
            if _unconfirmed_after(edge):
                return (
                    f"{a} was a member of {b}{_tail(when(start, end, lang))}{suspended}, as far "
                    "as the sources confirm; no later source says whether it still is."
                )
            if past:
                return f"{a} was a member of {b}{_tail(when(start, end, lang))}{suspended}."
            if start:
                return f"{a} has been a member of {b} {when(start, None, lang)}{suspended}."
            return f"{a} is a member of {b}{suspended}."
        case RelType.PARTICIPATES_IN:
            role = _ROLE_EN.get(_text(edge.properties.get("role")) or "", "a participant")
            detail = _paren(span(start, end, lang), programme)
            return f"{a} {'was' if past else 'is'} {role} in project {b}{detail}."
        case RelType.FUNDED_BY:
            return f"Project {a} {'was' if past else 'is'} funded by {b}."
        case RelType.DEFINES:
            return f"{a} defines the priority {_q(b, lang)}."
        case RelType.ADDRESSES:
            verb = "addressed" if past else "addresses"
            return f"Project {a} {verb} the priority {_q(b, lang)}{_paren(span(start, end, lang))}."
        case RelType.FOCUSES_ON:
            verb = "focused" if past else "focuses"
            return f"{a} {verb} on {_q(b, lang)}{_paren(span(start, end, lang))}."
        case RelType.SIGNED_BY:
            signed = _text(source.properties.get("signed"))
            period = when(None, end, lang) if signed else span(start, end, lang)
            detail = _paren(f"signed {signed}" if signed else None, period)
            return f"{b} {is_} a party to the agreement {a}{detail}."
        case RelType.COVERS:
            verb = "covered" if past else "covers"
            return f"Agreement {a} {verb} {_q(b, lang)}{_paren(span(start, end, lang))}."
        case RelType.ALIGNS_WITH:
            detail = _paren(
                _text(edge.properties.get("strength")), _text(edge.properties.get("basis"))
            )
            return f"Priority {_q(a, lang)} aligns with {_q(b, lang)}{detail}."
        case RelType.ELIGIBLE_AREA:
            return f"{b} is in the eligible area of {a}."
        case RelType.TWINNED_WITH:
            if edge.properties.get("status") == "unverified":
                return (
                    f"{a} and {b} were twin towns in the 2017 sources; status unverified "
                    "since 2022."
                )
            verb = "were" if past else "are"
            return f"{a} and {b} {verb} twin towns{_paren(span(start, end, lang))}."
        case RelType.ADOPTED_BY:
            return f"{_q(a, lang)} was adopted by {b}{_paren(span(start, end, lang))}."
    return f"{a} {edge.type.value} {b}."  # pragma: no cover - every type is listed above


def _edge_pl(
    edge: Edge,
    source: Node,
    target: Node,
    a: str,
    b: str,
    start: str | None,
    end: str | None,
    past: bool,
    status: str | None,
    programme: str | None,
) -> str:
    lang: Lang = "pl"
    match edge.type:
        case RelType.PART_OF:
            return f"{a} jest częścią {_gen(target)} {_q(b, lang)}."
        case RelType.LOCATED_IN:
            return f"{a} ma siedzibę w {_loc(target)} {_q(b, lang)}."
        case RelType.MEMBER_OF:
            suspended = " (członkostwo zawieszone)" if status == "suspended" else ""
            suspended += _role_note(edge, "pl")
            if _unconfirmed_after(edge):
                return (
                    f"{a} — członek {_gen(target)} {_q(b, lang)}"
                    f"{_tail(when(start, end, lang))}{suspended}, według źródeł; późniejsze "
                    "członkostwo nie jest potwierdzone."
                )
            if past:
                return (
                    f"{a} — członek {_gen(target)} {_q(b, lang)}"
                    f"{_tail(when(start, end, lang))}{suspended}."
                )
            return (
                f"{a} jest członkiem {_gen(target)} {_q(b, lang)}"
                f"{_tail(when(start, None, lang))}{suspended}."
            )
        case RelType.PARTICIPATES_IN:
            role = _text(edge.properties.get("role")) or ""
            program = f"program {_q(programme, lang)}" if programme else None
            detail = _paren(span(start, end, lang), program)
            if past:
                noun = _ROLE_PL_NOMINATIVE.get(role, "uczestnik")
                return f"{a} — {noun} projektu {_q(b, lang)}{detail}."
            noun = _ROLE_PL_INSTRUMENTAL.get(role, "uczestnikiem")
            return f"{a} jest {noun} projektu {_q(b, lang)}{detail}."
        case RelType.FUNDED_BY:
            verb = "był finansowany" if past else "jest finansowany"
            return f"Projekt {_q(a, lang)} {verb} z programu {_q(b, lang)}."
        case RelType.DEFINES:
            return f"{_NOMINATIVE[source.label]} {_q(a, lang)} określa priorytet {_q(b, lang)}."
        case RelType.ADDRESSES:
            verb = "realizował" if past else "realizuje"
            return (
                f"Projekt {_q(a, lang)} {verb} priorytet {_q(b, lang)}"
                f"{_paren(span(start, end, lang))}."
            )
        case RelType.FOCUSES_ON:
            if past:
                return (
                    f"{a} — obszar działania: priorytet {_q(b, lang)}"
                    f"{_paren(span(start, end, lang))}."
                )
            return (
                f"{a} koncentruje się na priorytecie {_q(b, lang)}{_paren(span(start, end, lang))}."
            )
        case RelType.SIGNED_BY:
            signed = _text(source.properties.get("signed"))
            signed_text = f"podpisane {_day(signed, lang, end=False)}" if signed else None
            if past:
                detail = _paren(
                    signed_text, when(None, end, lang) if signed else span(start, end, lang)
                )
                return f"{b} — strona porozumienia {_q(a, lang)}{detail}."
            detail = _paren(signed_text)
            return f"{b} jest stroną porozumienia {_q(a, lang)}{detail}."
        case RelType.COVERS:
            verb = "obejmowało" if past else "obejmuje"
            return (
                f"Porozumienie {_q(a, lang)} {verb} priorytet {_q(b, lang)}"
                f"{_paren(span(start, end, lang))}."
            )
        case RelType.ALIGNS_WITH:
            strength = _STRENGTH_PL.get(_text(edge.properties.get("strength")) or "")
            detail = _paren(strength, _text(edge.properties.get("basis")))
            return f"Priorytet {_q(a, lang)} jest zbieżny z priorytetem {_q(b, lang)}{detail}."
        case RelType.ELIGIBLE_AREA:
            return f"{b} leży w obszarze wsparcia programu {_q(a, lang)}."
        case RelType.TWINNED_WITH:
            if edge.properties.get("status") == "unverified":
                return (
                    f"{a} i {b} — miasta partnerskie według źródeł z 2017 r.; "
                    "status niezweryfikowany od 2022 r."
                )
            if past:
                return f"{a} i {b} — miasta partnerskie{_tail(when(start, end, lang))}."
            return f"{a} i {b} są miastami partnerskimi{_paren(span(start, end, lang))}."
        case RelType.ADOPTED_BY:
            return f"{_q(a, lang)} — przyjęte przez: {b}{_paren(span(start, end, lang))}."
    return f"{a} {edge.type.value} {b}."  # pragma: no cover - every type is listed above


# -- chains --------------------------------------------------------------------------------


def finding_sentence(
    *,
    kind: str,
    partner: Node,
    carrier: Node | None,
    link: Edge | None,
    priority: Node,
    asked: Node,
    alignment: Edge | None,
    start: str | None,
    end: str | None,
    lang: Lang,
    ref: dt.date,
) -> str:
    """Why a partner covers a priority: "Kalmar län is a party to the agreement X (since
    2004), which covers “Y”", plus the crosswalk when the priority was reached through
    ALIGNS_WITH."""
    p = partner.display_name(lang)
    c = carrier.display_name(lang) if carrier else ""
    q = _q(priority.display_name(lang), lang)
    past = is_past(end, ref)
    period = span(start, end, lang)
    role = _text(link.properties.get("role")) if link else None
    if lang == "en":
        match kind:
            case "agreement":
                text = f"{p} {'was' if past else 'is'} a party to the agreement {c}"
                text += f"{_paren(period)}, which {'covered' if past else 'covers'} {q}"
            case "project":
                role_text = _ROLE_EN.get(role or "", "a participant")
                text = f"{p} {'was' if past else 'is'} {role_text} in project {c}"
                text += f"{_paren(period)}, which {'addressed' if past else 'addresses'} {q}"
            case "network":
                text = f"{p} {'was' if past else 'is'} a member of {c}"
                text += f"{_paren(period)}, which {'focused' if past else 'focuses'} on {q}"
            case _:
                text = f"{p} {'focused' if past else 'focuses'} on {q}{_paren(period)}"
        if alignment is not None:
            strength = _text(alignment.properties.get("strength"))
            text += f", aligned with {_q(asked.display_name(lang), lang)}{_paren(strength)}"
        return _finish(text + ".")
    match kind:
        case "agreement":
            if past:
                text = f"{p} — strona porozumienia {_q(c, lang)}{_paren(period)}, które obejmowało"
            else:
                text = f"{p} jest stroną porozumienia {_q(c, lang)}{_paren(period)}, które obejmuje"
            text += f" priorytet {q}"
        case "project":
            if past:
                noun = _ROLE_PL_NOMINATIVE.get(role or "", "uczestnik")
                text = f"{p} — {noun} projektu {_q(c, lang)}{_paren(period)}, który realizował"
            else:
                noun = _ROLE_PL_INSTRUMENTAL.get(role or "", "uczestnikiem")
                text = f"{p} jest {noun} projektu {_q(c, lang)}{_paren(period)}, który realizuje"
            text += f" priorytet {q}"
        case "network":
            assert carrier is not None
            gen = _gen(carrier)
            # "sieć" and "organizacja" are feminine; a region or gmina as a club is rare.
            which = (
                "która" if carrier.label in (NodeLabel.NETWORK, NodeLabel.ORGANISATION) else "który"
            )
            if past:
                verb = "koncentrowała" if which == "która" else "koncentrował"
                text = f"{p} — członek {gen} {_q(c, lang)}{_paren(period)}, {which} {verb} się"
            else:
                text = f"{p} jest członkiem {gen} {_q(c, lang)}{_paren(period)}, "
                text += f"{which} koncentruje się"
            text += f" na priorytecie {q}"
        case _:
            if past:
                text = f"{p} — obszar działania: priorytet {q}{_paren(period)}"
            else:
                text = f"{p} koncentruje się na priorytecie {q}{_paren(period)}"
    if alignment is not None:
        strength = _STRENGTH_PL.get(_text(alignment.properties.get("strength")) or "")
        text += f" — przez zbieżność z priorytetem {_q(asked.display_name(lang), lang)}"
        text += _paren(strength)
    return _finish(text + ".")


_TIE_EN = {
    NodeLabel.PROJECT: "partners in project",
    NodeLabel.AGREEMENT: "parties to the agreement",
}
_TIE_PL = {
    NodeLabel.PROJECT: "wspólny projekt",
    NodeLabel.AGREEMENT: "wspólne porozumienie",
}


def tie_sentence(
    first: Node,
    second: Node,
    carrier: Node,
    start: str | None,
    end: str | None,
    lang: Lang,
    *,
    ref: dt.date,
) -> str:
    """Why two actors are co-operation neighbours: a shared project, agreement or membership."""
    a, b, c = first.display_name(lang), second.display_name(lang), carrier.display_name(lang)
    period = _paren(span(start, end, lang))
    past = is_past(end, ref)
    if lang == "en":
        verb = "were" if past else "are"
        if carrier.uid in (first.uid, second.uid):
            other = b if carrier.uid == first.uid else a
            return f"{other} {'was' if past else 'is'} a member of {c}{period}."
        what = _TIE_EN.get(carrier.label, "members of")
        return f"{a} and {b} {verb} both {what} {c}{period}."
    if carrier.uid in (first.uid, second.uid):
        other = b if carrier.uid == first.uid else a
        return f"{other}: członkostwo w {_loc(carrier)} {_q(c, lang)}{period}."
    what = _TIE_PL.get(carrier.label, f"wspólne członkostwo w {_loc(carrier)}")
    return f"{a} i {b}: {what} {_q(c, lang)}{period}."
