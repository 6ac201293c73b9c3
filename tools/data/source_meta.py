"""What kind of source a page is, its real title, and when it was read.

``kind`` (sources.csv): ``official`` — registers, statistical offices, laws, government,
parliament or council resolutions, BIP pages, keep.eu (the programmes' official database);
``primary`` — the body's own site (eurobalt.org, a region's, programme's or project's site);
``secondary`` — news and third-party databases; ``mirror`` — file-sharing sites, wiki mirrors,
archives of someone else's document; ``derived`` — the data engineer's own inferences,
translations and crosswalks. Mirrors are never *verified*.

Titles: the page's real title where it was read, otherwise a descriptive title in words.
Dates: the research notes record no per-page access date; README-organisations.md says the
notes were compiled on 2026-11-24 (README-territorial.md gives no date), so pages taken from the
notes carry that date and say so in their note. Pages read while building carry the day they
were read (``SESSION_DATE``).
"""

from __future__ import annotations

import re

__all__ = [
    "RESEARCH_DATE_NOTE",
    "RESEARCH_NOTES_DATE",
    "SESSION_DATE",
    "TITLES",
    "kind_of_url",
]

#: Date the research notes were compiled (README-organisations.md, first line).
RESEARCH_NOTES_DATE = "2026-11-24"
RESEARCH_DATE_NOTE = (
    "Retrieved date = date of the research notes (README-organisations.md: compiled "
    "2026-11-24); no access date was recorded for this source."
)
#: Day the pages added while fixing issue 15 were read (stored copies, search tool).
SESSION_DATE = "2026-12-06"

_MIRROR_HOSTS = (
    "docslib.org",
    "vdocuments.site",
    "doczz.pl",
    "lawsdocbox.com",
    "the-uncensored-wiki.com",
    "gateway.ipfs.io",
    "perceptiode.com",
    "sambuz.com",
    "chomikuj.pl",
    "webarchiv-server.de",
    "kipdf.com",
    "fdocuments.pl",
)
_OFFICIAL_HOSTS = (
    "stat.gov.pl",
    "eteryt.stat.gov.pl",
    "old.cpe.gov.pl",
    "landtag.ltsh.de",
    "keep.eu",
    "iso.org",
    "ewt.gov.pl",
)
_PRIMARY_HOSTS = (
    "eurobalt.org",
    "eurobalt.org.pl",
    "elblag.eu",
    "archiwalnyportal.warmia.mazury.pl",
    "drg.pomorskie.eu",
    "pomorskie.eu",
    "pomorskieregion.eu",
    "arp.gda.pl",
    "bezirk-mittelfranken.de",
    "europa-mv.de",
    "biser-en.org.pl",
    "bartoszyce.pl",
    "braniewo.pl",
    "bsssc.com",
    "hassleholm.se",
    "interconnect.one",
    "interreg-baltic.eu",
    "klaipedaregion.lt",
    "rfkl.se",
    "skaneskommuner.se",
    "southbaltic.eu",
    "southbaltic.nfinity.pl",
    "umbrellaproject.eu",
    "elmos-project.eu",
    "igwp.org.pl",
)


def _host(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).split("/")[0].split(":")[0].lower()


def _matches(host: str, hosts: tuple[str, ...]) -> bool:
    return any(host == h or host.endswith("." + h) for h in hosts)


def kind_of_url(url: str) -> str:
    """The ``kind`` of a web page by its host (BIP pages are official)."""
    host = _host(url)
    if _matches(host, _MIRROR_HOSTS):
        return "mirror"
    if host.startswith("bip.") or _matches(host, _OFFICIAL_HOSTS):
        return "official"
    if _matches(host, _PRIMARY_HOSTS):
        return "primary"
    return "secondary"


#: Real or descriptive titles for pages whose generated title was a URL fragment.
TITLES: dict[str, str] = {
    "http://archiwalnyportal.warmia.mazury.pl/wspolpraca-miedzynarodowa/2181-euroregion-baltyk-"
    "bedzie-mial-siedzibe-w-olsztynie": "Euroregion Bałtyk będzie miał siedzibę w Olsztynie "
    "(Warmińsko-Mazurskie regional portal, archive)",
    "https://archiwum.eurobalt.org.pl/aktualnosci/515/prezydium-euroregionu-baltyk-znow-w-"
    "elblagu": "Prezydium Euroregionu Bałtyk znów w Elblągu (Stowarzyszenie Gmin RP "
    "Euroregion Bałtyk, news archive, Feb 2020)",
    "https://www.arp.gda.pl/299,international-co-operation.html": "Agencja Rozwoju Pomorza: "
    "International co-operation",
    "https://bezirk-mittelfranken.de/europa/pommern": "Bezirk Mittelfranken: Partnerregion "
    "Pommern (Woiwodschaft Pomorskie)",
    "https://biser-en.org.pl/interreg-south-baltic-programme-2014-2020-umbrella-project-"
    "approved/": "BISER: Interreg South Baltic Programme 2014-2020 - UMBRELLA project approved",
    "https://www.bsssc.com/casypot": "BSSSC: CaSYPoT project page",
    "http://docs6.chomikuj.pl/15150975,PL,0,1,Umowa-o-wsp%c3%b3%c5%82pracy-mi%c4%99dzy-Wojew%c3%b3"
    "dztwem-Pomorskim%2c-Rzeczpospolita-Polska-a-Wojew%c3%b3dztwami-Kalmar%2c-Kronoberg-oraz-"
    "Blekinge%2c-Kr%c3%b3lestwo-Szwecji..doc": "Umowa o współpracy między Województwem "
    "Pomorskim a Województwami Kalmar, Kronoberg oraz Blekinge (copy on chomikuj.pl)",
    "https://docslib.org/doc/12267014/portfolio-of-the-south-baltic-projects-part-2": "Portfolio "
    "of the South Baltic projects, part 2 (docslib copy)",
    "https://docslib.org/doc/12279745/euroregion-baltic-2020-agenda-resulted-from-a-"
    "constructive-dialogue-among-its-stakeholders": "Euroregion Baltic 2020 Agenda (docslib copy)",
    "https://docslib.org/doc/3169762/erb-action-plan-2020-2021-final": "ERB Action Plan "
    "2020-2021, final (docslib copy)",
    "https://docslib.org/doc/6395903/to-download-portfolio-of-the-south-baltic-projects-part-1-"
    "please-click-here": "Portfolio of the South Baltic projects, part 1 (docslib copy)",
    "https://docslib.org/doc/7186422/erb-statutes": "ERB Statutes (docslib copy)",
    "https://doczz.pl/doc/5198164/cooperation-programmes-under-the-european": "Interreg South "
    "Baltic 2014-2020 cooperation programme (doczz copy; NUTS regions covered)",
    "https://drg.pomorskie.eu/wspolpraca-zagraniczna/kierunki-wspolpracy-miedzynarodowej/"
    "regiony-pozaeuropejskie/": "Województwo Pomorskie: Regiony pozaeuropejskie (non-European "
    "partner regions)",
    "https://www.eu-kommunal-kompass.de/index.php/foerderdatenbank/mk/602": "EU-Kommunal-Kompass "
    "funding database: Interreg South Baltic programme entry",
    "http://www.eurobalt.org/2007-04-21-erb-youth-conference/?share=skype": "ERB Youth "
    "Conference (eurobalt.org news, 21 April 2007)",
    "https://www.eurobalt.org/2008-02-26-youth-board-set-up/": "ERB Youth Board set up "
    "(eurobalt.org news, 26 February 2008)",
    "http://www.eurobalt.org/3rd-erb-water-group-meeting-in-elblg/": "3rd ERB Water Group "
    "meeting in Elbląg (eurobalt.org news)",
    "http://www.eurobalt.org/article-about-euroregion-baltic-in-leading-polish-daily/": "Article "
    "about Euroregion Baltic in leading Polish daily (eurobalt.org news)",
    "https://eurobalt.org/background": "Euroregion Baltic: Background",
    "https://www.eurobalt.org/casypot-project-meeting-in-elblag/": "CaSYPoT project meeting in "
    "Elbląg (eurobalt.org news)",
    "https://www.eurobalt.org/category/s16-water-forum/c68-news/": "ERB Water Forum: news "
    "(eurobalt.org category page)",
    "https://www.eurobalt.org/category/youth-board-staff/": "ERB Youth Board (eurobalt.org "
    "category page)",
    "http://www.eurobalt.org/erb-executive-board-on-line-meeting/": "ERB Executive Board on-line "
    "meeting (eurobalt.org news, May 2020)",
    "http://www.eurobalt.org/moment-project-issues-second-newlsetter/?share=tumblr": "MOMENT "
    "project issues second newsletter (eurobalt.org news)",
    "http://www.eurobalt.org/news/": "Euroregion Baltic: News",
    "http://www.eurobalt.org/news/page/56/": "Euroregion Baltic: News, page 56 (2007 items)",
    "https://eurobalt.org.pl/en/euroregion-baltic-meeting-in-brussels": "Euroregion Baltic "
    "meeting in Brussels (Stowarzyszenie Gmin RP Euroregion Bałtyk news)",
    "https://eurobalt.org.pl/en/euroregion-baltic-ongoing-projects/waterman/": "Euroregion "
    "Baltic ongoing projects: WaterMan (eurobalt.org.pl)",
    "https://eurobalt.org.pl/en/executive-board-meeting-of-the-euroregion-baltic-26-27-09-2023": "Executive Board Meeting of the Euroregion Baltic - 26-27.09.2023 (eurobalt.org.pl)",  # noqa: E501
    "https://eurobalt.org.pl/en/gronowo-elblaskie-commune-a-new-member-of-stg-erb/": "Gronowo "
    "Elbląskie commune a new member of STG ERB (eurobalt.org.pl)",
    "https://eurobalt.org.pl/en/meeting-with-the-head-of-gronowo-elblaskie-municipality/": "Meeting with the head of Gronowo Elbląskie municipality (eurobalt.org.pl)",  # noqa: E501
    "https://eurobalt.org.pl/en/pre-kick-off-of-the-waterman-project-january-20-2023-online": "Pre-kick-off of the WaterMan project, January 20, 2023, online (eurobalt.org.pl)",  # noqa: E501
    "https://eurobalt.org.pl/en/projects-completed-in-the-euroregion-baltic/sb-ycgn/": "Projects "
    "completed in the Euroregion Baltic: SB YCGN (eurobalt.org.pl)",
    "https://eurobalt.org.pl/wykluczenie-obwodu-kaliningradzkiego-z-sieci-euroregionu-baltyk/": "Wykluczenie Obwodu Kaliningradzkiego z sieci Euroregionu Bałtyk (eurobalt.org.pl)",  # noqa: E501
    "https://eurobalt.org/?p=24": "Euroregion Baltic: presidency transferred to Region Blekinge "
    "at the Council in Karlskrona, 14 March 2007 (eurobalt.org news item)",
    "https://www.eurobalt.org/projects/": "Euroregion Baltic: Projects",
    "http://www.eurobalt.org/?s=FC": "Euroregion Baltic: site search results (2023-2024 news "
    "items)",
    "https://www.eurobalt.org/tag/baltic-sea-region/page/2/": "Euroregion Baltic: news tagged "
    "Baltic Sea Region, page 2 (2020 items)",
    "https://www.eurobalt.org/tag/interreg-south-baltic/": "Euroregion Baltic: news tagged "
    "Interreg South Baltic",
    "http://www.eurobalt.org/tag/seed-funding/": "Euroregion Baltic: news tagged seed funding",
    "http://www.europa-mv.de/zusammenarbeit/deutsch_polnisch/": "Europa in "
    "Mecklenburg-Vorpommern: deutsch-polnische Zusammenarbeit",
    "https://www.falk-report.de/tag/deutsch-polnische-beziehungen/": "Falk-Report: articles "
    "tagged deutsch-polnische Beziehungen",
    "https://gateway.ipfs.io/ipfs/QmXoypizjW3WknFiJnKLwHCnL72vedxjQkDDP1mXWo6uco/wiki/"
    "Euroregion_Baltic.html": "Euroregion Baltic (Wikipedia article, IPFS mirror)",
    "https://www.gdansk.pl/wiadomosci/Mimo-wojny-i-z-nadzieja-na-czasy-pokoju-Pomorskie-i-Odessa-"
    "stawiaja-na-wspolprace-gospodarcza-wspolpraca-porozumienie-Agencja-Rozwoju-Pomorza-ARP-"
    "Agencja-Rozwoju-Regionalnego-Obwodu-Odeskiego,a,236661": "Mimo wojny i z nadzieją na "
    "czasy pokoju. Pomorskie i Odessa stawiają na współpracę gospodarczą (gdansk.pl, 2023)",
    "https://gwarminska.pl/euroregion-baltyk-bez-obwodu-kaliningradzkiego/": "Euroregion Bałtyk "
    "bez obwodu kaliningradzkiego (Gazeta Warmińska, March 2022)",
    "https://hallo-holstein.de/?p=10707": "Hallo Holstein: Schleswig-Holstein and Pomorskie "
    "partnership (news item)",
    "https://www.hassleholm.se/kommun-och-politik/sa-arbetar-vi-med/internationellt-arbete/"
    "eu-verksamheter/eu-projekt-i-kommunen/avslutade-projekt/sbpin/partners": "Hässleholms "
    "kommun: SBPIN - partners",
    "http://interconnect.one/news-press/news/153-interconnect-project-presentation-in-kalmar-"
    "sweden": "INTERCONNECT project presentation in Kalmar, Sweden (interconnect.one news)",
    "http://www.interconnect.one/partners-and-contact": "INTERCONNECT: Partners and contact",
    "https://klaipedaregion.lt/en/turinys/waterman/": "Klaipėda Region: WaterMan",
    "http://www.landtag.ltsh.de/nachrichten/19_06_03_delegationsreise_polen/": "Landtag "
    "Schleswig-Holstein: Delegationsreise nach Polen (3 June 2019)",
    "https://lawsdocbox.com/amp/111985060-Politics/Erb-2030-agenda-euroregion-baltic.html": "ERB 2030 Agenda, Euroregion Baltic (lawsdocbox copy)",  # noqa: E501
    "https://perceptiode.com/%D0%95%D0%B2%D1%80%D0%BE%D1%80%D0%B5%D0%B3%D0%B8%D0%BE%D0%BD_%C2%AB"
    "%D0%91%D0%B0%D0%BB%D1%82%D0%B8%D0%BA%D0%B0%C2%BB": "Еврорегион «Балтика» (Russian "
    "Wikipedia article, perceptiode.com mirror)",
    "https://pomorskie.eu/goscie-z-meklemburgii-z-wizyta-na-pomorzu-po-co-przyjechali": "Goście "
    "z Meklemburgii z wizytą na Pomorzu. Po co przyjechali? (pomorskie.eu, Feb 2023)",
    "https://pomorskieregion.eu/priorytety-wspopracy-zagranicznej-wojewodztwa-pomorskiego-p79": "Priorytety współpracy zagranicznej Województwa Pomorskiego (pomorskieregion.eu)",  # noqa: E501
    "https://rfkl.se/Press/Nyhetslista/Tolv-South-Baltic-projekt-varav-tre-med-anknytning-till-"
    "Kalmar-lan-far-dela-pa-179-miljoner-Euro/": "Tolv South Baltic-projekt, varav tre med "
    "anknytning till Kalmar län, får dela på 17,9 miljoner euro (Regionförbundet i Kalmar län)",
    "https://sambuz.com/doc/sbpin-ppt-presentation-604810": "SBPIN presentation (sambuz copy)",
    "https://skaneskommuner.se/miljo-och-klimat/vatten-och-kust/euroregion-baltic/": "Skånes "
    "Kommuner: Euroregion Baltic",
    "https://southbaltic.eu/-/casypot-capacity-building-for-strategic-youth-policy-and-"
    "transnational-cooperation": "Interreg South Baltic: CaSYPoT - Capacity building for "
    "strategic youth policy and transnational cooperation",
    "https://southbaltic.eu/-/interconnect": "Interreg South Baltic: INTERCONNECT project page",
    "https://southbaltic.nfinity.pl/?p=29455&post_type=post": "Interreg South Baltic: project "
    "news item (programme site, post 29455)",
    "https://southbaltic.eu/?p=31389": "Interreg South Baltic: project news item (post 31389)",
    "https://southbaltic.eu/-/sb-ycgn": "Interreg South Baltic: SB YCGN project page",
    "https://southbaltic.eu/-/umbrella": "Interreg South Baltic: UMBRELLA project page",
    "http://the-uncensored-wiki.com:20151/2015-wikipedia_en_all_2015-05/A/Euroregion_Baltic.html": "Euroregion Baltic (English Wikipedia, May 2015 snapshot on a wiki mirror)",  # noqa: E501
    "https://www.truso.tv/wiadomosci/38500,22-lutego-1998r-euroregion-baltyk": "22 lutego 1998 "
    "r. – Euroregion Bałtyk (Truso.tv)",
    "http://umbrellaproject.eu/category/news": "UMBRELLA project: News",
    "https://umbrellaproject.eu/umbrella-project-implementation-updates-and-facts/": "UMBRELLA "
    "project: implementation updates and facts",
    "https://www.up2europe.eu/european/projects/modern-water-management-in-the-south-baltic-sea-"
    "area_141705.html": "up2europe: Modern water management in the South Baltic Sea area (MOMENT)",
    "https://www.up2europe.eu/european/projects/modern-water-management-in-the-south-baltic-sea-"
    "area-upgrade-project_141706.html": "up2europe: Modern water management in the South Baltic "
    "Sea area - upgrade project (MOMENT UP)",
    "https://up2europe.com/european/projects/seagull-ii-strengthening-institutional-structures-"
    "and-spatial-development-capacities-of-euroregion-baltic_145180.html": "up2europe: Seagull "
    "II - Strengthening institutional structures and spatial development capacities of "
    "Euroregion Baltic",
    "https://vdocuments.site/biuletyn-issn-1896-4311-egzemplarz-bezpatny.html": "ERB bulletin, "
    "November 2010 (Biuletyn, ISSN 1896-4311; vdocuments copy)",
    "http://www.webarchiv-server.de/pin/archiv01/0401ob02.htm": "Report on the Pomorskie - "
    "Mecklenburg-Vorpommern declaration, January 2001 (archived news page, webarchiv-server.de)",
    "https://www.bsssc.com/casypot/": "BSSSC: CaSYPoT project page",
}
