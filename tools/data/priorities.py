"""Strategies, programmes and their priorities, and the ALIGNS_WITH crosswalk between them.

Pomorskie's 13 priorities are copied verbatim (Polish) from the voivodeship's page, which is
the seed text in shared/seeds/000_*.txt; the English names are the data engineer's
translations. Programme and ERB priorities come from the research notes, checked against the
pages they cite.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from registry import Registry

from partnergraph.model import NodeLabel, RelType

__all__ = ["build_priorities"]

POM = "strategy:pomorskie-priorytety-2008"
SB07 = "programme:south-baltic-2007-2013"
SB14 = "programme:interreg-south-baltic-2014-2020"
SB21 = "programme:interreg-south-baltic-2021-2027"
BSR0006 = "programme:interreg-iiib-bsr-2000-2006"
BSR14 = "programme:interreg-bsr-2014-2020"
BSR21 = "programme:interreg-bsr-2021-2027"
JDP = "strategy:erb-joint-development-programme"
A2020 = "strategy:erb-2020-agenda"
A2030 = "strategy:erb-2030-agenda"
S0708 = "strategy:erb-strategy-2007-2008"
AP2021 = "strategy:erb-action-plan-2020-2021"
POS = "strategy:erb-position-south-baltic-2014-2020"

#: (English name, Polish keywords, English keywords) for the 13 bullets, in source order.
POMORSKIE_EN: list[tuple[str, list[str], list[str]]] = [
    (
        "Building the material basis of the regional community's livelihood by supporting the "
        "development of existing and the creation of new job-creating enterprises; linked to "
        "conditions favourable to mobilising domestic capital and attracting foreign capital",
        ["przedsiębiorczość", "miejsca pracy", "inwestycje zagraniczne"],
        ["entrepreneurship", "jobs", "foreign investment"],
    ),
    (
        "Accelerating the extension and modernisation of transport infrastructure: road, rail, "
        "sea, air and telecommunications investments for the region's internal and external "
        "integration and a stronger Tri-City land-sea and air hub",
        ["transport", "infrastruktura komunikacyjna", "telekomunikacja"],
        ["transport", "transport infrastructure", "telecommunications"],
    ),
    (
        "Supporting the development of innovation and modern technologies",
        ["innowacje", "nowoczesne technologie"],
        ["innovation", "modern technologies"],
    ),
    (
        "Modernising and extending environmental-protection infrastructure within the region's "
        "sustainable development, in particular waste management, water and sewage management, "
        "heating and alternative energy sources",
        ["ochrona środowiska", "gospodarka wodno-ściekowa", "odpady", "energia odnawialna"],
        ["environment", "water management", "waste", "renewable energy"],
    ),
    (
        "Rural development, including restructuring and modernising farm production, promoting "
        "traditional and regional products and organic farming, non-farm income for rural "
        "people and more agri-food exports",
        ["obszary wiejskie", "rolnictwo", "produkty regionalne"],
        ["rural development", "agriculture", "regional products"],
    ),
    (
        "Development of sea and inland fisheries, also preserving the cultural and landscape "
        "values of the Pomorskie region",
        ["rybactwo", "rybołówstwo"],
        ["fisheries", "fishing"],
    ),
    (
        "Reducing unemployment through vocational activation and by adapting schooling to the "
        "real needs of the labour market",
        ["rynek pracy", "bezrobocie", "kształcenie zawodowe"],
        ["labour market", "unemployment", "vocational education"],
    ),
    (
        "Counteracting all forms of social exclusion",
        ["wykluczenie społeczne", "integracja społeczna"],
        ["social exclusion", "social inclusion"],
    ),
    (
        "Action for the region's cultural development, especially fostering the richness and "
        "diversity of forms of culture and conditions for partnership of creative and "
        "scientific communities",
        ["kultura", "twórcy", "nauka"],
        ["culture", "creative sector", "science"],
    ),
    (
        "Strengthening the attractiveness and competitiveness of the Pomorskie region through "
        "broadly understood promotion",
        ["promocja regionu", "atrakcyjność", "konkurencyjność"],
        ["regional promotion", "attractiveness", "competitiveness"],
    ),
    (
        "Supporting the development of education and schooling, with particular regard to "
        "higher education",
        ["edukacja", "szkolnictwo wyższe"],
        ["education", "higher education"],
    ),
    (
        "Supporting and promoting health-oriented solutions and the modernisation of social "
        "assistance, and promoting physical culture and sport",
        ["zdrowie", "pomoc społeczna", "sport"],
        ["health", "social assistance", "sport"],
    ),
    (
        "Action for building civil society, including support for non-governmental "
        "organisations; supporting youth activity, also internationally",
        ["społeczeństwo obywatelskie", "organizacje pozarządowe", "młodzież"],
        ["civil society", "NGOs", "youth"],
    ),
]


def pomorskie_bullets(seed: Path) -> list[str]:
    text = seed.read_text(encoding="utf-8")
    bullets = [b.strip() for b in re.findall(r"•\s*(.+)", text)]
    return [b[:-1] if b.endswith(";") else b for b in bullets]


def _prio(reg: Registry, owner: str, code: str, name: str, srcs: list[str], **props: object) -> str:
    slug = owner.split(":", 1)[1]
    uid = f"priority:{slug}:{code}"
    reg.node(NodeLabel.PRIORITY, uid, name, srcs, code=code, **props)  # type: ignore[arg-type]
    reg.edge(RelType.DEFINES, owner, uid, srcs)
    return uid


def build_priorities(reg: Registry, research: Path, seed: Path) -> None:
    page = reg.url(
        "https://drg.pomorskie.eu/de/zakres-wspolpracy",
        "Województwo Pomorskie: Zakres współpracy (list of the 2008 foreign-cooperation "
        "priorities; same text as shared/seeds/000_a762489246058323.txt)",
    )
    seed_src = reg.source(
        "seed-pomorskie-priorytety-2008",
        "Seed text: scope of Pomorskie's foreign cooperation and the 13 priorities of 2008",
        document="shared/seeds/000_a762489246058323.txt",
    )
    docs = reg.url(
        "https://drg.pomorskie.eu/de/dokumenty",
        "Województwo Pomorskie: Dokumenty (Uchwała nr 463/XXII/08 Sejmiku z 26 maja 2008)",
    )
    directions = reg.url(
        "https://drg.pomorskie.eu/wspolpraca-zagraniczna/kierunki-wspolpracy-miedzynarodowej/",
        "Województwo Pomorskie: Kierunki współpracy międzynarodowej (four geographic directions)",
    )
    translation = reg.source(
        "translation-partnergraph",
        "English names and keywords of Polish priorities, translated by the partnergraph data "
        "engineer (not an official translation)",
        document="tools/data/priorities.py (POMORSKIE_EN)",
        confidence="inferred",
    )
    reg.node(
        NodeLabel.STRATEGY,
        POM,
        "Priorytety Współpracy Zagranicznej Województwa Pomorskiego",
        [page, seed_src, docs, directions],
        name_en="Foreign Cooperation Priorities of the Pomorskie Voivodeship",
        kind="foreign-cooperation priorities",
        adopted="2008-05-26",
        note="Adopted by Sejmik resolution no. 463/XXII/08 of 26 May 2008. Geographic "
        "directions: Baltic Sea area; Western Europe; Central, Eastern and South-Eastern "
        "Europe; non-European regions. The scope of cooperation differs per partner and "
        "changes over time (source text).",
    )
    # Owners of the framework: the Sejmik adopted it (resolution 463/XXII/08), for the
    # voivodeship's self-government, whose foreign cooperation it steers. Neither is listed
    # as a partner for its own priorities.
    reg.edge(
        RelType.ADOPTED_BY,
        POM,
        "org:sejmik-wojewodztwa-pomorskiego",
        [docs, seed_src],
        role="adopting body",
        valid_from="2008-05-26",
    )
    reg.edge(
        RelType.ADOPTED_BY,
        POM,
        "org:samorzad-wojewodztwa-pomorskiego",
        [seed_src, page],
        role="owner",
        valid_from="2008-05-26",
    )
    bullets = pomorskie_bullets(seed)
    if len(bullets) != 13:
        raise ValueError(f"expected 13 priorities in the seed, found {len(bullets)}")
    for i, (text, (en, kw_pl, kw_en)) in enumerate(zip(bullets, POMORSKIE_EN, strict=True), 1):
        _prio(
            reg,
            POM,
            str(i),
            text,
            [page, seed_src, translation],
            name_en=en,
            keywords=kw_pl + kw_en,
        )

    # --- programmes -------------------------------------------------------------------
    cpe = reg.url("http://old.cpe.gov.pl/25,southbaltic", "CPE: South Baltic Programme 2007-2013")
    elmos = reg.url(
        "http://www.elmos-project.eu/project/background/south-baltic-programme.html",
        "ELMOS project: background, South Baltic Programme 2007-2013 (priorities and measures)",
    )
    bwh14 = reg.url(
        "https://www.balticwaterhub.net/funding/interreg-south-baltic-programme-2014-2020",
        "Baltic Water Hub: Interreg South Baltic Programme 2014-2020 (priority axes)",
    )
    sbabout = reg.url(
        "https://southbaltic.eu/programme/about-the-programme",
        "Interreg South Baltic: About the programme 2021-2027 (motto: Innovative, Sustainable, "
        "Attractive, Active)",
    )
    bsr21 = reg.url(
        "https://interreg-baltic.eu/about/priorities-2021-2027/priority-1-innovative-societies/",
        "Interreg Baltic Sea Region 2021-2027: four priorities and nine objectives",
    )
    bwh_bsr21 = reg.url(
        "https://www.balticwaterhub.net/funding/interreg-baltic-sea-region-programme-2021-2027",
        "Baltic Water Hub: Interreg Baltic Sea Region Programme 2021-2027 (priorities)",
    )
    sb_inferred = reg.source(
        "inferred-sb-2021-2027-numbering",
        "Numbering of Interreg South Baltic 2021-2027 priorities 1 and 3 from the motto order",
        document="shared/research/data/README-organisations.md, 'Inferences explained': the "
        "motto lists Innovative, Sustainable, Attractive, Active; a programme page ties "
        "Priority 4 to Active and Priority 2 to Sustainable",
        confidence="inferred",
    )
    up_deverb = reg.url(
        "https://up2europe.com/european/projects/seagull-deverb_145179.html",
        "up2europe: Seagull devERB (INTERREG IIIB BSR, 2002-2005)",
    )
    seed_money = reg.url(
        "http://www.eurobalt.org/tag/interreg_bsr/", "ERB news tagged Interreg BSR"
    )
    reg.node(
        NodeLabel.PROGRAMME,
        SB07,
        "South Baltic Cross-border Co-operation Programme 2007-2013",
        [cpe, elmos],
        period="2007-2013",
        kind="Interreg IV A cross-border",
    )
    reg.node(
        NodeLabel.PROGRAMME,
        SB14,
        "Interreg South Baltic Programme 2014-2020",
        [bwh14],
        period="2014-2020",
        kind="Interreg V-A cross-border",
    )
    reg.node(
        NodeLabel.PROGRAMME,
        SB21,
        "Interreg South Baltic Programme 2021-2027",
        [sbabout],
        period="2021-2027",
        kind="Interreg VI-A cross-border",
    )
    reg.node(
        NodeLabel.PROGRAMME,
        BSR0006,
        "INTERREG IIIB Baltic Sea Region Programme 2000-2006",
        [up_deverb],
        period="2000-2006",
        kind="Interreg III B transnational",
        note="Seagull II ran under its Neighbourhood Programme strand (ERDF + Tacis).",
    )
    reg.node(
        NodeLabel.PROGRAMME,
        BSR14,
        "Interreg Baltic Sea Region 2014-2020 (Seed Money Facility)",
        [seed_money],
        period="2014-2020",
        kind="Interreg V B transnational",
    )
    reg.node(
        NodeLabel.PROGRAMME,
        BSR21,
        "Interreg Baltic Sea Region 2021-2027",
        [bsr21, bwh_bsr21],
        period="2021-2027",
        kind="Interreg VI B transnational",
    )

    with (research / "south_baltic_programme_priorities.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            owner = {"2007-2013": SB07, "2014-2020": SB14, "2021-2027": SB21}[r["period"]]
            code = r["priority_code"].lower()
            srcs = reg.urls(r["source"])
            if r["confidence"] == "inferred":
                srcs.append(sb_inferred)
            level = (
                "priority axis"
                if code.startswith(("pa", "p"))
                else ("specific objective" if code.startswith("so") else "measure")
            )
            note = f"{level.capitalize()}; code as given by the programme ({r['priority_code']})."
            if owner == SB21 and code in ("p1", "p3"):
                note += " Number inferred from the motto order."
            _prio(reg, owner, code, r["name_en"], srcs, name_en=r["name_en"], note=note)
    bsr = [
        ("p1", "Innovative societies"), ("1.1", "Resilient economies and communities"),
        ("1.2", "Responsive public services"), ("p2", "Water-smart societies"),
        ("2.1", "Sustainable waters"), ("2.2", "Blue economy"),
        ("p3", "Climate-neutral societies"), ("3.1", "Circular economy"),
        ("3.2", "Energy transition"), ("3.3", "Smart green mobility"),
        ("p4", "Cooperation governance"), ("4.1", "Project platforms"),
        ("4.2", "Macro-regional governance"),
    ]  # fmt: skip
    for code, name in bsr:
        kind = "Priority" if code.startswith("p") else "Programme objective"
        _prio(reg, BSR21, code, name, [bsr21, bwh_bsr21], name_en=name, note=f"{kind}.")

    # --- ERB strategies -------------------------------------------------------------------
    ag2020_inferred = reg.source(
        "inferred-erb-2020-agenda-adoption",
        "Adoption year 2010 of the ERB 2020 Agenda, inferred by the research notes",
        document="shared/research/data/README-organisations.md: Nov 2010 ERB bulletin ('new ERB "
        "strategy', Council in Kosta 28-29 Oct 2010) and the Agenda's own text",
        confidence="inferred",
    )
    jdp_inferred = reg.source(
        "inferred-erb-jdp-priorities",
        "Split of the ERB Joint Development Programme themes into priorities (research notes)",
        document="shared/research/data/README-organisations.md: the ERB projects page says 'four "
        "strategic priorities, including ...' and lists three themes; the split is the "
        "compiler's",
        confidence="inferred",
    )
    with (research / "erb_strategies.csv").open(encoding="utf-8") as fh:
        strat_rows = {r["strategy"]: r for r in csv.DictReader(fh)}
    uids = {
        "Joint Development Programme (JDP)": JDP,
        "ERB strategy 2007-2008": S0708,
        "Euroregion Baltic 2020 Agenda": A2020,
        "ERB 2030 Agenda": A2030,
        "ERB Action Plan 2020-21": AP2021,
    }
    for title, uid in uids.items():
        r = strat_rows[title]
        srcs = reg.urls(r["source"])
        adopted = r["adopted"] or None
        if uid == A2020:
            srcs.append(ag2020_inferred)
        period = r["period"]
        vf, vt = (
            ([*period.split("-"), ""])[:2] if re.fullmatch(r"\d{4}-\d{4}", period) else ("", "")
        )
        reg.node(
            NodeLabel.STRATEGY,
            uid,
            title,
            srcs,
            name_en=title,
            kind=r["kind"],
            adopted=adopted,
            valid_from=vf or None,
            valid_to=vt or None,
            note=f"Period {period}. {r['notes']}",
        )
        # ERB strategies are the Euroregion's own: adopted by its Council or Executive Board
        reg.edge(RelType.ADOPTED_BY, uid, "network:euroregion-baltic", srcs, role="owner")
    pos_src = reg.url(
        "http://www.eurobalt.org/thematic-scope-of-the-south-baltic-programme/",
        "ERB: thematic scope of the South Baltic Programme (Executive Board position, Karlskrona)",
    )
    reg.node(
        NodeLabel.STRATEGY,
        POS,
        "ERB Executive Board position on the thematic scope of South Baltic 2014-2020",
        [pos_src],
        name_en="ERB position on the South Baltic 2014-2020 thematic scope",
        kind="position paper",
        note="Adopted in Karlskrona on 27 May; the year is not given in the source.",
    )
    reg.edge(
        RelType.ADOPTED_BY, POS, "network:erb-executive-board", [pos_src], role="adopting body"
    )
    reg.edge(RelType.ADOPTED_BY, POS, "network:euroregion-baltic", [pos_src], role="owner")
    owners = {**uids, "ERB position on SB 2014-2020 thematic scope": POS}
    with (research / "erb_priorities.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            owner = owners[r["strategy"]]
            srcs = reg.urls(r["source"])
            if owner == JDP:
                srcs.append(jdp_inferred)
            note = None
            if owner == A2030:
                note = (
                    "Activity type of the 2030 Agenda as listed in the ERB Action Plan "
                    "2020-2021; the Agenda's thematic priorities were not found."
                )
            if owner == POS:
                note = "EU thematic objective the ERB asked the programme to support."
            _prio(
                reg,
                owner,
                r["priority_code"].lower(),
                r["priority_name_en"],
                srcs,
                name_en=r["priority_name_en"],
                note=note,
            )

    crosswalk(reg)


#: (from, to, strength, basis). Codes: "pom:N" Pomorskie 2008 priority N, "sb07:x", "sb14:x",
#: "sb21:x", "bsr21:x", "jdp:x", "pos:x", "s0708:x".
ALIGNMENTS: list[tuple[str, str, str, str]] = [
    ("pom:1", "sb07:1.1", "strong", "both support the creation and growth of enterprises"),
    ("pom:1", "sb14:so1.1", "partial", "SME growth, here through access to international markets"),
    ("pom:1", "pos:to3", "partial", "competitiveness of SMEs as a base for jobs"),
    ("pom:1", "jdp:jdp-1", "partial", "economic development of the region"),
    ("pom:2", "sb07:1.3", "strong", "transport accessibility and infrastructure"),
    ("pom:2", "sb14:so3.1", "partial", "transport, here services quality and sustainability"),
    ("pom:2", "jdp:jdp-3", "strong", "access to Trans-European transport networks"),
    ("pom:2", "pos:to7", "strong", "transport and removing bottlenecks in key networks"),
    ("pom:2", "bsr21:3.3", "partial", "transport, here smart and green mobility"),
    ("pom:3", "sb14:so1.2", "strong", "innovation transfer and modern technologies"),
    ("pom:3", "sb21:p1", "strong", "innovation as the priority's theme"),
    ("pom:3", "bsr21:1.1", "partial", "innovative and resilient economies"),
    ("pom:4", "sb07:2.1", "partial", "environment, here the Baltic Sea environment"),
    ("pom:4", "sb07:2.2", "strong", "alternative energy sources / renewable energy and saving"),
    ("pom:4", "sb14:so2.2", "strong", "green technologies reducing pollution discharges"),
    ("pom:4", "sb21:p2", "partial", "environmental sustainability"),
    ("pom:4", "jdp:jdp-2", "strong", "EU environmental policy and renewable energy"),
    ("pom:4", "pos:to6", "strong", "environment protection and resource efficiency"),
    ("pom:4", "bsr21:2.1", "partial", "water and sewage management / sustainable waters"),
    ("pom:4", "bsr21:3.2", "partial", "alternative energy / energy transition"),
    ("pom:5", "pos:to3", "partial", "competitiveness of agriculture"),
    ("pom:6", "pos:to3", "partial", "fisheries and aquaculture"),
    ("pom:6", "bsr21:2.2", "partial", "sea-based economy including fisheries"),
    ("pom:7", "sb07:1.2", "strong", "matching education to the labour market"),
    ("pom:7", "sb14:so4.1", "strong", "skilled labour force for the labour market"),
    ("pom:7", "pos:to8", "strong", "employment and labour mobility"),
    ("pom:8", "jdp:jdp-1", "partial", "social development of the region"),
    ("pom:9", "sb07:2.3", "partial", "culture, here cultural heritage for regional development"),
    ("pom:9", "sb14:so2.1", "partial", "cultural heritage, here as tourist destinations"),
    ("pom:10", "sb07:pa2", "partial", "attractiveness of the area"),
    ("pom:10", "sb21:p3", "partial", "attractiveness of the area"),
    ("pom:11", "sb07:1.2", "strong", "higher education"),
    ("pom:11", "pos:to10", "strong", "education, skills and lifelong learning"),
    ("pom:11", "sb14:so4.1", "partial", "skills, here for blue and green sectors"),
    ("pom:13", "sb07:2.4", "partial", "local community initiatives and civil society"),
    ("pom:13", "sb14:so5.1", "partial", "cooperation capacity of local actors incl. NGOs"),
    ("pom:13", "sb21:p4", "partial", "active local actors and people-to-people cooperation"),
    ("pom:13", "s0708:y", "strong", "youth activity, also internationally"),
    ("pos:to3", "sb14:so1.1", "strong", "SME competitiveness"),
    ("pos:to6", "sb14:so2.2", "strong", "environment protection"),
    ("pos:to7", "sb14:so3.1", "strong", "sustainable transport"),
    ("pos:to8", "sb14:so4.1", "strong", "labour market"),
    ("pos:to10", "sb14:so4.1", "partial", "skills"),
    ("sb07:1.1", "sb14:so1.1", "partial", "SME development across periods"),
    ("sb07:2.4", "sb14:so5.1", "strong", "local actors' cooperation across periods"),
    ("sb14:so1.2", "sb21:p1", "strong", "innovation across periods"),
    ("sb14:so2.2", "sb21:p2", "partial", "environment across periods"),
    ("sb14:so2.1", "sb21:p3", "partial", "heritage-based attractiveness across periods"),
    ("sb14:so5.1", "sb21:p4", "partial", "active local actors across periods"),
]

_PREFIX = {
    "pom": POM, "sb07": SB07, "sb14": SB14, "sb21": SB21, "bsr21": BSR21, "jdp": JDP,
    "pos": POS, "s0708": S0708,
}  # fmt: skip


def crosswalk(reg: Registry) -> None:
    src = reg.source(
        "crosswalk-partnergraph-2026",
        "ALIGNS_WITH crosswalk between Pomorskie 2008, ERB and Interreg priorities",
        document="Comparison of the priority texts by the partnergraph data engineer "
        "(tools/data/priorities.py ALIGNMENTS); each link states its basis",
        confidence="inferred",
    )
    for a, b, strength, basis in ALIGNMENTS:
        ends = []
        for ref in (a, b):
            prefix, code = ref.split(":", 1)
            ends.append(f"priority:{_PREFIX[prefix].split(':', 1)[1]}:{code}")
        reg.edge(RelType.ALIGNS_WITH, ends[0], ends[1], [src], strength=strength, basis=basis)
