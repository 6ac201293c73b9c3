"""TWINNED_WITH links from the 2017 Wikidata sister-city extract (CC0), resolved to TERYT gminy.

Only links whose Polish end resolves to a gmina of woj. 22 or 28 are kept. Resolution rules,
in order (each link's note says which one applied):

1. ``"X, Gmina X"`` / ``"Gmina X"`` name a gmina, not a town: prefer the rural or urban-rural
   gmina of that name. ``"X, Warmian-Masurian Voivodeship"`` restricts the search to woj. 28.
2. Exact TERC name match among all gminy in Poland (R = 1/2/3, register 2020-01-01; the
   2024 name Redzikowo is not used, the 2020 register calls 2212082 "Słupsk").
3. The same name in another voivodeship too: keep the woj. 22/28 gmina only when the
   extract's coordinates fall in the two voivodeships' bounding box.
4. A town name shared by an urban and a rural gmina (Elbląg 2861011 / 2804012): town twinning
   is done by towns, so the gmina that contains the town (urban, else urban-rural) is chosen.
A link is dropped (and reported) when the partner's country label contradicts its coordinates
(e.g. a European town labelled "United States of America") or the town carries two country
labels in the extract. Foreign towns get ``town:<ISO2>:<slug>``; "Kalmar Municipality" and
"Kalmar" are one town (the words "Municipality", "Municipality of" are dropped before slugging).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

from registry import Registry
from territory import gmina_index

from partnergraph.model import NodeLabel, RelType
from partnergraph.text import slugify

__all__ = ["COUNTRY_BY_NAME", "build_twinning", "foreign_town"]

COUNTRY_BY_NAME = {
    "Austria": "AT", "Belarus": "BY", "Belgium": "BE", "Brazil": "BR", "Bulgaria": "BG",
    "Canada": "CA", "Chile": "CL", "Croatia": "HR", "Czech Republic": "CZ", "Denmark": "DK",
    "Estonia": "EE", "Finland": "FI", "France": "FR", "Georgia": "GE", "Germany": "DE",
    "Greece": "GR", "Hungary": "HU", "Ireland": "IE", "Israel": "IL", "Italy": "IT",
    "Kazakhstan": "KZ", "Latvia": "LV", "Lithuania": "LT", "Luxembourg": "LU", "Malta": "MT",
    "Mexico": "MX", "Moldova": "MD", "Morocco": "MA", "Netherlands": "NL", "Norway": "NO",
    "Palestine": "PS", "People's Republic of China": "CN", "Poland": "PL", "Portugal": "PT",
    "Republic of Macedonia": "MK", "Romania": "RO", "Russia": "RU", "Serbia": "RS",
    "Slovakia": "SK", "Slovenia": "SI", "Spain": "ES", "Sweden": "SE", "Switzerland": "CH",
    "Taiwan": "TW", "Turkey": "TR", "Ukraine": "UA", "United Kingdom": "GB",
    "United States of America": "US", "Zambia": "ZM",
}  # fmt: skip
_BOX = (53.0, 55.0, 16.6, 23.0)  # lat min/max, lon min/max around woj. 22 and 28
_WOJ_QUALIFIER = {"Pomeranian Voivodeship": "22", "Warmian-Masurian Voivodeship": "28"}


def town_name(label: str) -> str:
    """'Kalmar Municipality' and 'Municipality of Kalmar' are the town 'Kalmar'."""
    name = re.sub(r"^Municipality of\s+", "", label.strip())
    return re.sub(r"\s+Municipality$", "", name)


def foreign_town(reg: Registry, country: str, label: str, sources: list[str]) -> str:
    name = town_name(label)
    uid = f"town:{country}:{slugify(name)}"
    aliases = [label] if label != name else None
    reg.node(
        NodeLabel.MUNICIPALITY,
        uid,
        name,
        sources,
        country=country,
        gmina_type="foreign",
        aliases=aliases,
    )
    return uid


def _in_box(lat: str, lon: str) -> bool:
    """Roughly inside woj. 22/28 (the box also covers parts of neighbouring voivodeships)."""
    try:
        la, lo = float(lat), float(lon)
    except ValueError:
        return False
    return _BOX[0] <= la <= _BOX[1] and _BOX[2] <= lo <= _BOX[3]


#: Links read but not kept, with the reason (checked by hand against the extract's own data).
_SUSPECT = {
    ("Słupsk", "Flensburg", "United States of America"): (
        "the extract's partner is Flensburg, Minnesota (coordinates 45.9 N 94.5 W, population "
        "225), most likely a Wikidata mix-up with Flensburg, Germany; not kept without a source"
    ),
}
_AMERICAS = {"United States of America", "Canada", "Mexico", "Brazil", "Chile"}


def _wrong_hemisphere(country: str, lon: str) -> bool:
    """A country label that cannot match the coordinates (America vs. Europe/Asia/Africa)."""
    try:
        west = float(lon) < -30
    except ValueError:
        return False
    return west != (country in _AMERICAS)


class Resolver:
    def __init__(self, gminy: dict[str, dict[str, str]]) -> None:
        self.by_name: dict[str, list[str]] = defaultdict(list)
        for code, row in gminy.items():
            self.by_name[row["NAZWA"]].append(code)

    def resolve(self, label: str, lat: str, lon: str) -> tuple[str | None, str]:
        """(TERC code or None, rule or reason)."""
        name, prefer_gmina, only_woj = label, False, None
        m = re.fullmatch(r"(.+), Gmina \1", label)
        if m:
            name, prefer_gmina = m.group(1), True
        m = re.fullmatch(r"(.+), (Pomeranian Voivodeship|Warmian-Masurian Voivodeship)", label)
        if m:
            name, only_woj = m.group(1), _WOJ_QUALIFIER[m.group(2)]
        if name.startswith("Gmina "):
            name, prefer_gmina = name[len("Gmina ") :], True
        codes = self.by_name.get(name, [])
        if only_woj:
            codes = [c for c in codes if c[:2] == only_woj]
        ours = [c for c in codes if c[:2] in ("22", "28")]
        if not ours:
            return None, "no gmina of this name in woj. 22/28" if codes else "no TERC name match"
        rules = []
        if len(ours) < len(codes):
            try:
                la, lo = float(lat), float(lon)
            except ValueError:
                return None, "name also in another voivodeship and no coordinates"
            if not (_BOX[0] <= la <= _BOX[1] and _BOX[2] <= lo <= _BOX[3]):
                return None, "name also in another voivodeship; coordinates outside woj. 22/28"
            rules.append("same name elsewhere in Poland, coordinates place it in woj. 22/28")
        if len(ours) == 1:
            rules.append("exact TERC name match" if not prefer_gmina else "gmina name match")
            return ours[0], "; ".join(rules)
        if prefer_gmina:
            pick = [c for c in ours if c[-1] in "23"]
            why = "'Gmina X' label: rural/urban-rural gmina chosen"
        else:
            pick = [c for c in ours if c[-1] == "1"] or [c for c in ours if c[-1] == "3"]
            why = "town name shared by urban and rural gmina: gmina containing the town chosen"
        if len(pick) == 1:
            rules.append(why)
            return pick[0], "; ".join(rules)
        return None, f"ambiguous: {len(ours)} gminy named {name} in woj. 22/28"


def build_twinning(reg: Registry, tsv: Path, terc: list[dict[str, str]]) -> dict[str, object]:
    src = reg.source(
        "wikidata-sistercities-poland-2017",
        "Wikidata sister-city links of Polish places (2017 extract, sistercities_poland.tsv)",
        document="Wikidata query extract of 2017 (origin/sister city labels, coordinates, "
        "country labels), held in shared/research/real-files; https://www.wikidata.org/",
        kind="secondary",
        licence="CC0 1.0",
        note="Crowd-sourced Wikidata statements as of 2017, without dates; not checked against "
        "the municipalities' own lists. Names are English Wikidata labels.",
    )
    rule_src = reg.source(
        "inferred-twinning-resolution",
        "Resolution of Wikidata town labels to TERYT gminy (rules in tools/data/twinning.py)",
        document="tools/data/twinning.py module docstring (rules 1-4)",
        confidence="inferred",
    )
    with tsv.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    resolver = Resolver(gmina_index(terc))
    countries_of: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        countries_of[town_name(r["sistercityLabel"])].add(r["destination_countryLabel"])
    unresolved: list[tuple[str, str, str]] = []
    kept, duplicates, out_of_scope = 0, 0, 0
    seen: set[tuple[str, str]] = set()
    for r in rows:
        code, why = resolver.resolve(r["origincityLabel"], r["originlat"], r["originlong"])
        if code is None:
            if why.startswith("ambiguous") or (
                why == "no TERC name match" and _in_box(r["originlat"], r["originlong"])
            ):
                unresolved.append((r["origincityLabel"], r["sistercityLabel"], why))
            else:
                out_of_scope += 1
            continue
        dest_label, dest_country = r["sistercityLabel"], r["destination_countryLabel"]
        srcs = [src] if why in ("exact TERC name match", "gmina name match") else [src, rule_src]
        if dest_country == "Poland":
            dcode, dwhy = resolver.resolve(dest_label, r["destinationlat"], r["destinationlong"])
            if dcode is None:
                unresolved.append(
                    (
                        r["origincityLabel"],
                        dest_label,
                        f"Polish partner outside woj. 22/28 "
                        f"or unresolved ({dwhy}); domestic links are out of scope",
                    )
                )
                continue
            if dwhy not in ("exact TERC name match", "gmina name match") and rule_src not in srcs:
                srcs = [src, rule_src]
            a, b = sorted([f"teryt:{code}", f"teryt:{dcode}"])
            why = f"{why}; partner: {dwhy}"
        else:
            if len(countries_of[town_name(dest_label)]) > 1:
                unresolved.append(
                    (
                        r["origincityLabel"],
                        dest_label,
                        "conflicting country labels for this town in the extract: "
                        + ", ".join(sorted(countries_of[town_name(dest_label)])),
                    )
                )
                continue
            suspect = _SUSPECT.get((r["origincityLabel"], dest_label, dest_country))
            if suspect:
                unresolved.append((r["origincityLabel"], dest_label, suspect))
                continue
            if _wrong_hemisphere(dest_country, r["destinationlong"]):
                unresolved.append(
                    (
                        r["origincityLabel"],
                        dest_label,
                        f"country label '{dest_country}' contradicts the coordinates "
                        f"(longitude {r['destinationlong']})",
                    )
                )
                continue
            iso = COUNTRY_BY_NAME.get(dest_country)
            if iso is None:
                unresolved.append(
                    (r["origincityLabel"], dest_label, f"unknown country {dest_country}")
                )
                continue
            town = foreign_town(reg, iso, dest_label, [src])
            reg.edge(RelType.PART_OF, town, f"country:{iso}", [src])
            a, b = f"teryt:{code}", town
        if (a, b) in seen:
            duplicates += 1
            continue
        seen.add((a, b))
        reg.edge(RelType.TWINNED_WITH, a, b, srcs, note=f"Resolution: {why}.")
        kept += 1
    ended, unverified = russia_belarus_status(reg)
    return {
        "ended_2022": ended,
        "unverified_since_2022": unverified,
        "rows": len(rows),
        "links": kept,
        "duplicates": duplicates,
        "outside_scope": out_of_scope,
        "unresolved": unresolved,
    }


#: RU/BY twinnings ended in 2022, with the date of the council resolution (or the city's
#: statement) and what the cited pages say: (gmina, town) -> (valid_to, source keys, note).
_ENDED: dict[tuple[str, str], tuple[str, tuple[str, ...], str]] = {
    ("teryt:2862011", "town:RU:kaliningrad"): (
        "2022-03-03",
        ("olsztyn", "olsztyn-um"),
        "Ended: Rada Miasta Olsztyna, extraordinary session of 3 March 2022, unanimously "
        "resolved to terminate without delay the 1993 cooperation agreement with Kaliningrad.",
    ),
    ("teryt:2261011", "town:RU:kaliningrad"): (
        "2022-03-03",
        ("gdansk", "rp"),
        "Ended: Rada Miasta Gdańska resolution of 3 March 2022 ending institutional cooperation "
        "with its partner cities in Russia, Kaliningrad and Saint Petersburg.",
    ),
    ("teryt:2261011", "town:RU:saint-petersburg"): (
        "2022-03-03",
        ("gdansk", "rp"),
        "Ended: Rada Miasta Gdańska resolution of 3 March 2022 ending institutional cooperation "
        "with its partner cities in Russia, Kaliningrad and Saint Petersburg.",
    ),
    ("teryt:2261011", "town:RU:omsk"): (
        "2022-03-03",
        ("gdansk", "applies"),
        "Ended: the Gdańsk council resolution of 3 March 2022 covers, besides the partner "
        "cities, all formal relations with the authorities of other Russian cities (RMF24); "
        "that it ends this Wikidata link is inferred.",
    ),
    ("teryt:2861011", "town:RU:baltiysk"): (
        "2022-02-28",
        ("elblag",),
        "Ended: Elbląg city hall statement of 28 Feb 2022 ending cooperation with its partner "
        "cities in Russia and Belarus: Baltiysk, Kaliningrad, Veliky Novgorod, Navahrudak.",
    ),
    ("teryt:2861011", "town:RU:kaliningrad"): (
        "2022-02-28",
        ("elblag",),
        "Ended: Elbląg city hall statement of 28 Feb 2022 ending cooperation with its partner "
        "cities in Russia and Belarus: Baltiysk, Kaliningrad, Veliky Novgorod, Navahrudak.",
    ),
    ("teryt:2861011", "town:BY:navahrudak"): (
        "2022-02-28",
        ("elblag",),
        "Ended: Elbląg city hall statement of 28 Feb 2022 ending cooperation with its partner "
        "cities in Russia and Belarus: Baltiysk, Kaliningrad, Veliky Novgorod, Navahrudak.",
    ),
    ("teryt:2263011", "town:BY:grodno"): (
        "2022-03-02",
        ("slupsk",),
        "Ended: Słupsk city council, extraordinary session of 2 March 2022, unanimously adopted "
        "resolutions ending the partnership agreements with Grodno and Arkhangelsk.",
    ),
    ("teryt:2263011", "town:RU:arkhangelsk"): (
        "2022-03-02",
        ("slupsk",),
        "Ended: Słupsk city council, extraordinary session of 2 March 2022, unanimously adopted "
        "resolutions ending the partnership agreements with Grodno and Arkhangelsk.",
    ),
}
_PAGES: dict[str, tuple[str, str]] = {
    "olsztyn": (
        "https://olsztyn.com.pl/artykul,olsztyn-zerwal-kontakty-z-kaliningradem-radni-w-koncu-"
        "jednomyslni,34449.html",
        "Olsztyn zerwał kontakty z Kaliningradem. Radni w końcu jednomyślni (olsztyn.com.pl, "
        "3 March 2022)",
    ),
    "olsztyn-um": (
        "https://super-polska.pl/id?id_artykulu=28291&Tak_dla_%C5%81ucka_-_Nie_dla_Kaliningradu",
        "Tak dla Łucka - Nie dla Kaliningradu (release by UM Olsztyn, 4 March 2022, "
        "super-polska.pl)",
    ),
    "gdansk": (
        "https://www.rmf24.pl/regiony/trojmiasto/news-gdansk-zrywa-wspolprace-z-rosyjskimi-"
        "miastami,nId,5869307",
        "Gdańsk zrywa współpracę z rosyjskimi miastami (RMF24, March 2022)",
    ),
    "rp": (
        "https://regiony.rp.pl/spolecznosci-lokalne/art35807371-samorzady-zrywaja-wspolprace-"
        "z-miastami-z-rosji-i-bialorusi",
        "Samorządy zrywają współpracę z miastami z Rosji i Białorusi (Rzeczpospolita, "
        "4 March 2022)",
    ),
    "elblag": (
        "https://portalkomunalny.pl/elblag-zrywa-wspolprace-z-miastami-partnerskimi-w-rosji-i-"
        "na-bialorusi-433681/",
        "Elbląg zrywa współpracę z miastami partnerskimi w Rosji i na Białorusi "
        "(portalkomunalny.pl, 28 February 2022)",
    ),
    "slupsk": (
        "https://info.kanal6.pl/2022/03/02/bez-wspolpracy-i-honorowego-obywatela/",
        "Bez partnerstwa i honorowego obywatela (K6 Info, Słupsk, 2 March 2022)",
    ),
    "gdynia": (
        "https://www.rmf24.pl/regiony/trojmiasto/news-wojewodztwo-pomorskie-zerwalo-"
        "wspolprace-z-obwodem-kaliningr,nId,5860670",
        "RMF24: Województwo pomorskie zerwało współpracę z obwodem kaliningradzkim (Feb 2022)",
    ),
}
_GDYNIA = {"town:RU:kaliningrad", "town:BY:baranovichi"}


def russia_belarus_status(reg: Registry) -> tuple[int, int]:
    """Give every twinning with a Russian or Belarusian town a ``status``.

    ``ended`` with ``valid_to`` where a dated 2022 source says the gmina ended it; otherwise
    ``unverified`` (the extract is of 2017 and no source after 2022-02-24 was found).
    """
    from source_meta import SESSION_DATE

    end_rule = reg.source(
        "inferred-twinning-end-2022",
        "End date of a Russian/Belarusian twinning taken as the date of the council resolution "
        "or city statement ending it (2022)",
        document="tools/data/twinning.py _ENDED: valid_to = the day the council resolved (or "
        "the city hall announced) the end; notice periods, if any, are not known. Where a "
        "resolution is worded for all Russian cities (Gdańsk), applying it to a Wikidata link "
        "not named in the source is also an inference",
        confidence="inferred",
        retrieved=SESSION_DATE,
    )
    pages = {
        key: reg.url(url, title, retrieved=SESSION_DATE) for key, (url, title) in _PAGES.items()
    }
    ended = unverified = 0
    for (frm, to, _key), row in reg.edges[RelType.TWINNED_WITH].items():
        foreign = [u for u in (frm, to) if u.startswith(("town:RU:", "town:BY:"))]
        if not foreign:
            continue
        hit = _ENDED.get((frm, to))
        if hit is not None:
            valid_to, keys, note = hit
            srcs = [pages[k] for k in keys if k != "applies"] + [end_rule]
            row["sources"] += [s for s in srcs if s not in row["sources"]]
            row["status"] = "ended"
            row["valid_to"] = valid_to
            row["note"] = f"{row['note']} {note}"
            ended += 1
            continue
        row["status"] = "unverified"
        note = (
            "Status unverified since 2022-02-24: the 2017 Wikidata extract is the only source; "
            "no source after Russia's invasion of Ukraine says whether this link continues."
        )
        if frm == "teryt:2262011" and foreign[0] in _GDYNIA:
            note += (
                " RMF24 (Feb 2022) reported motions to end it at an extraordinary Gdynia "
                "council session; the adoption was not read in a source."
            )
            if pages["gdynia"] not in row["sources"]:
                row["sources"].append(pages["gdynia"])
        row["note"] = f"{row['note']} {note}"
        unverified += 1
    return ended, unverified
