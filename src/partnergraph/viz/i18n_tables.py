"""The translation tables: every word the website shows, as (Polish, English) pairs.

Kept apart from :mod:`partnergraph.viz.i18n` (the functions that look words up) so that the
tables can grow by topic. ``ALL_TABLES`` lists every table, for the one-language-per-page test.
"""

from __future__ import annotations

__all__ = [
    "ALL_TABLES",
    "COVERAGE_AREAS",
    "COVERAGE_SCOPES",
    "LABELS",
    "PROPS",
    "RELATIONS",
    "TEXT",
]

TEXT: dict[str, tuple[str, str]] = {
    "other Interreg 2014-2020 programmes": (
        "inne programy Interreg 2014–2020",
        "other Interreg 2014–2020 programmes",
    ),
    "site_title": ("Partnerstwa Euroregionu Bałtyk", "Euroregion Baltic partnerships"),
    "site_tagline": (
        "Graf współpracy transgranicznej wokół Euroregionu Bałtyk",
        "A graph of cross-border cooperation around the Euroregion Baltic",
    ),
    "skip": ("Przejdź do treści", "Skip to content"),
    "nav_home": ("Start", "Home"),
    "nav_erb": ("Euroregion Bałtyk", "Euroregion Baltic"),
    "nav_path": ("Ścieżki", "Paths"),
    "nav_gaps": ("Luki", "Gaps"),
    "nav_clusters": ("Klastry", "Clusters"),
    "nav_priorities": ("Priorytety", "Priorities"),
    "lang_switch": ("English", "Polski"),
    "lang_switch_title": ("Switch to English", "Przełącz na polski"),
    "search": ("Szukaj", "Search"),
    "search_label": (
        "Szukaj gminy, regionu, organizacji, projektu…",
        "Search for a municipality, region, organisation, project…",
    ),
    "search_results": ("Wyniki wyszukiwania", "Search results"),
    "search_none": ("Nic nie pasuje do", "Nothing matches"),
    "search_detail": (
        "czym różni się od innych o tej samej nazwie",
        "what tells it apart from others of the same name",
    ),
    "search_stopwords": (
        "Wpisz nazwę: słowa takie jak „i”, „w”, „z”, „na”, „of”, „the” same niczego nie wyszukują.",
        "Type a name: words such as ‘of’, ‘the’, ‘and’, ‘i’, ‘w’ find nothing on their own.",
    ),
    "headline": ("W liczbach", "In figures"),
    "fig_members": ("członków Euroregionu Bałtyk", "Euroregion Baltic members"),
    "fig_gminy": ("gmin", "municipalities (gminy)"),
    "fig_projects": ("projektów", "projects"),
    "fig_priorities": ("priorytetów", "priorities"),
    "views": ("Widoki", "Views"),
    "view_erb": (
        "Członkowie i organy Euroregionu Bałtyk w czasie",
        "Euroregion Baltic members and bodies over time",
    ),
    "view_path": ("Jak połączone są dwa podmioty?", "How are two actors connected?"),
    "view_gaps": ("Gdzie są luki we współpracy?", "Where are the gaps in cooperation?"),
    "view_clusters": ("Klastry współpracy i pośrednicy", "Cooperation clusters and brokers"),
    "view_priorities": ("Kto realizuje który priorytet?", "Who covers which priority?"),
    "facts": ("Fakty", "Facts"),
    "uid": ("Identyfikator", "Identifier"),
    "label": ("Typ", "Type"),
    "name": ("Nazwa", "Name"),
    "name_en": ("Nazwa angielska", "English name"),
    "valid": ("Obowiązuje", "Valid"),
    "from": ("od", "from"),
    "to": ("do", "to"),
    "sources": ("Źródła", "Sources"),
    "source": ("Źródło", "Source"),
    "retrieved": ("pobrano", "retrieved"),
    "confidence": ("wiarygodność", "confidence"),
    "relations": ("Powiązania", "Relationships"),
    "relation": ("Relacja", "Relationship"),
    "direction": ("Kierunek", "Direction"),
    "neighbour": ("Sąsiad", "Neighbour"),
    "dates": ("Daty", "Dates"),
    "details": ("Szczegóły", "Details"),
    "network": ("Sieć powiązań", "Network"),
    "network_alt": (
        "Interaktywny wykres sieci; te same dane są w tabeli obok.",
        "Interactive network chart; the same data is in the table beside it.",
    ),
    "network_help": (
        "Przeciągnij, aby przesunąć, kółkiem przybliż; kliknij węzeł, aby go otworzyć.",
        "Drag to pan, scroll to zoom; click a node to open it.",
    ),
    "legend": ("Legenda", "Legend"),
    "truncated": (
        "Pokazano {shown} z {total} węzłów; pozostałe zebrano w węzły zbiorcze „+N”."
        " Pełna lista jest w tabeli.",
        "Showing {shown} of {total} nodes; the rest are gathered into '+N' summary nodes."
        " The table lists them all.",
    ),
    "truncated_top": (
        "Wykres pokazuje {shown} z {total} węzłów (najbardziej połączone);"
        " tabela zawiera wszystkie.",
        "The chart shows {shown} of {total} nodes (the most connected); the table lists all.",
    ),
    "more": ("więcej", "more"),
    "rows_shown": (
        "Pokazano wiersze {first}–{last} z {total}.",
        "Showing rows {first}–{last} of {total}.",
    ),
    "projects_shown": (
        "Pokazano projekty {first}–{last} z {total}; liczby powyżej obejmują wszystkie.",
        "Showing projects {first}–{last} of {total}; the counts above cover them all.",
    ),
    "next_page": ("Następna strona", "Next page"),
    "prev_page": ("Poprzednia strona", "Previous page"),
    "priority": ("Priorytet", "Priority"),
    "partners": ("Partnerzy", "Partners"),
    "partner": ("Partner", "Partner"),
    "rank": ("Miejsce", "Rank"),
    "score": ("Wynik", "Score"),
    "evidence": ("Dowody", "Evidence"),
    "country": ("Kraj", "Country"),
    "year": ("Rok", "Year"),
    "all_years": ("wszystkie lata", "all years"),
    "as_of": ("Stan na rok", "As of year"),
    "show": ("Pokaż", "Show"),
    "gaps_caveat": (
        "Luka na tej stronie oznacza, że dane nie zawierają współpracy — nie zawsze, że jej "
        "nie ma. Kolumna „Źródła” mówi przy każdym wierszu, czy źródła obejmują ten obszar "
        "w całości, częściowo, czy wcale.",
        "A gap on this page means the data holds no co-operation — not always that there is "
        "none. The “Sources” column says for each row whether the sources cover that area "
        "completely, partly or not at all.",
    ),
    "data_cov": ("Źródła", "Sources"),
    "gmina_type_miejska": ("gmina miejska", "urban gmina"),
    "gmina_type_wiejska": ("gmina wiejska", "rural gmina"),
    "gmina_type_miejsko-wiejska": ("gmina miejsko-wiejska", "urban-rural gmina"),
    "matrix_empty": (
        "Priorytety bez żadnego dowodu współpracy w danych (zwinięte)",
        "Priorities with no evidence of co-operation in the data (folded)",
    ),
    "twin_unverified": ("status niezweryfikowany od 2022 r.", "status unverified since 2022"),
    "cov_complete": ("pełne", "complete"),
    "cov_partial": ("niepełne", "partial"),
    "cov_missing": ("brak źródeł", "no source"),
    "cov_unknown": ("brak oceny", "not assessed"),
    "owners_excluded": (
        "Nie wymieniono jako partnerów (właściciele tego dokumentu i terytorium, "
        "którym zarządzają)",
        "Not listed as partners (owners of this framework and the territory they govern)",
    ),
    "no_partners": (
        "Dane nie wskazują żadnego partnera tego priorytetu w wybranym okresie: może to "
        "oznaczać brak źródeł, a nie brak współpracy (zob. „Zakres danych”).",
        "The data shows no partner for this priority in the chosen period: that may mean no "
        "source covers it, not that there is no co-operation (see Coverage).",
    ),
    "coverage": ("Zakres danych", "Coverage"),
    "erb_title": ("Euroregion Bałtyk", "Euroregion Baltic"),
    "members": ("Członkowie", "Members"),
    "bodies": ("Organy i sieci", "Bodies and networks"),
    "timeline": ("Oś czasu członkostwa", "Membership timeline"),
    "timeline_alt": (
        "Oś czasu: każdy pasek to okres członkostwa; zawieszenia zaznaczono kreskowaniem.",
        "Timeline: each bar is a period of membership; suspensions are hatched.",
    ),
    "status": ("Status", "Status"),
    "status_active": ("aktywny", "active"),
    "status_suspended": ("zawieszony", "suspended"),
    "status_ended": ("zakończony", "ended"),
    "role": ("Rola", "Role"),
    "since": ("od", "since"),
    "until": ("do", "until"),
    "path_title": ("Ścieżki powiązań", "Connection paths"),
    "path_from": ("Od", "From"),
    "path_to": ("Do", "To"),
    "path_k": ("Liczba ścieżek", "Number of paths"),
    "path_find": ("Znajdź ścieżki", "Find paths"),
    "path_none": (
        "Brak ścieżki między tymi węzłami (do {hops} kroków).",
        "No path between these nodes (up to {hops} hops).",
    ),
    "path_pick": (
        "Wybierz dwa węzły — wpisz nazwę i wybierz z podpowiedzi.",
        "Pick two nodes — type a name and choose from the suggestions.",
    ),
    "path_n": ("Ścieżka {n}", "Path {n}"),
    "hops": ("kroków", "hops"),
    "hop": ("Krok", "Hop"),
    "static_query": (
        "Ta strona jest statyczna: ścieżki liczone są w przeglądarce"
        " z danych zapisanych w witrynie.",
        "This page is static: paths are computed in the browser from the data baked into the site.",
    ),
    "gaps_title": ("Luki we współpracy", "Gaps in cooperation"),
    "matrix": (
        "Macierz pokrycia: priorytety × partnerzy",
        "Coverage matrix: priorities × partners",
    ),
    "matrix_alt": (
        "Mapa ciepła: im ciemniejsza komórka, tym więcej dowodów; liczba w komórce.",
        "Heat map: the darker the cell, the more evidence; the count is in the cell.",
    ),
    "uncovered": ("Priorytety bez aktywnego partnera", "Priorities with no active partner"),
    "uncovered_none": ("Każdy priorytet ma partnera.", "Every priority has a partner."),
    "left_out": (
        "Gminy bez projektu, sieci ani członkostwa, według powiatów",
        "Municipalities with no project, network or membership, by powiat",
    ),
    "powiat": ("Powiat", "County (powiat)"),
    "gminy": ("Gminy", "Municipalities"),
    "count": ("Liczba", "Count"),
    "map_note": (
        "Mapy nie rysujemy: granice gmin nie są częścią danych dostępnych offline.",
        "No map is drawn: municipal boundaries are not part of the data available offline.",
    ),
    "inactive": ("Partnerzy bez niedawnej aktywności", "Partners with no recent activity"),
    "clusters_title": ("Klastry współpracy", "Cooperation clusters"),
    "cluster": ("Klaster", "Cluster"),
    "size": ("Wielkość", "Size"),
    "themes": ("Tematy", "Themes"),
    "countries": ("Kraje", "Countries"),
    "brokers": ("Pośrednicy", "Brokers"),
    "broker": ("pośrednik", "broker"),
    "betweenness": ("Pośrednictwo", "Betweenness"),
    "clusters_alt": (
        "Wykres klastrów: kolor to klaster, pośrednicy mają gruby obrys.",
        "Cluster chart: colour is the cluster, brokers have a thick border.",
    ),
    "not_found": ("Nie znaleziono", "Not found"),
    "not_found_text": ("Nie ma węzła o identyfikatorze", "There is no node with identifier"),
    "error": ("Błąd", "Error"),
    "embed_open": ("Otwórz pełną stronę", "Open the full page"),
    "modularity": ("modularność", "modularity"),
    "names_as_given": (
        "nazwy partnerów w brzmieniu podanym przez źródło",
        "partners' names as the source gives them",
    ),
    "credit_keep_eu": (
        "Projekty Interreg 2014–2020 obszaru Euroregionu Bałtyk i programu Południowy Bałtyk: "
        "źródło keep.eu (Interact), dane z 23 listopada 2019 r. Zmiany: nazwy ujednolicone, "
        "podmioty przypisane do gmin (TERYT), regionów NUTS 2021 i organizacji z danych "
        "własnych, tylko projekty z partnerem z obszaru ERB i programu Południowy Bałtyk. "
        "keep.eu i Interact nie firmują tego serwisu.",
        "Interreg 2014–2020 projects of the Euroregion Baltic area and the South Baltic "
        "programme: source keep.eu (Interact), data of 23 November 2019. Changed: names "
        "normalised, bodies resolved to gminy (TERYT), NUTS 2021 regions and the curated "
        "organisations, only projects with a partner in the ERB area or of South Baltic. "
        "keep.eu and Interact do not endorse this site.",
    ),
    "footer": (
        "Dane: źródła wymienione przy każdym fakcie. Strona działa offline.",
        "Data: the sources are named beside every fact. This site works offline.",
    ),
    "data_version": ("wersja danych", "data version"),
    "unavailable": (
        "Ta analiza nie jest jeszcze dostępna w tej wersji.",
        "This analysis is not available in this version yet.",
    ),
    "out": ("→", "→"),
    "in": ("←", "←"),
    "open": ("Otwórz", "Open"),
    "table_of": ("Tabela", "Table"),
    "priorities_list": ("Wszystkie priorytety", "All priorities"),
    "strategy": ("Strategia / program", "Strategy / programme"),
    "carriers": ("projekty, porozumienia, sieci", "projects, agreements, networks"),
    "cluster_shared": (
        "wspólnych projektów, porozumień i sieci",
        "shared projects, agreements and networks",
    ),
    "cluster_members_h": ("Klaster {id}: członkowie", "Cluster {id}: members"),
    "cluster_all": ("← Wszystkie klastry", "← All clusters"),
    "cluster_open": ("Pokaż członków", "Show members"),
    "cluster_missing": ("Nie ma klastra {id}.", "There is no cluster {id}."),
    "clusters_overview_alt": (
        "Przegląd klastrów: koło to klaster (wielkość: liczba członków), grubość linii to "
        "liczba wspólnych projektów, porozumień i sieci; kliknięcie pokazuje członków",
        "Cluster overview: a circle is a cluster (size: its members), a line's width the "
        "number of shared projects, agreements and networks; a click shows the members",
    ),
    "actors": ("podmiotów", "actors"),
    "ties": ("powiązań", "ties"),
    "by_country": ("Kolumny: państwa", "Columns: countries"),
    "by_region": ("Kolumny: regiony", "Columns: regions"),
    "show_by_region": ("Pokaż według regionów", "Show by region"),
    "show_by_country": ("Pokaż według państw", "Show by country"),
    "date_unknown": ("data nieznana", "date unknown"),
    "timeline_legend": (
        "Niebieski: członek; kreskowany czerwony: zawieszony; szary: członkostwo zakończone"
        " (data nieznana); blady z przerywaną ramką: data przystąpienia nieznana.",
        "Blue: member; hatched red: suspended; grey: membership ended (date unknown);"
        " pale with a dashed outline: date of joining unknown.",
    ),
    # -- the association page (/association) --
    "nav_association": ("Stowarzyszenie", "Association"),
    "view_association": (
        "Stowarzyszenie Gmin RP Euroregion Bałtyk: członkowie, zarząd, projekty",
        "The association of Polish ERB gminy: members, board, projects",
    ),
    "assoc_title": (
        "Stowarzyszenie Gmin RP Euroregion Bałtyk",
        "Association of Polish Communes Euroregion Baltic",
    ),
    "assoc_confirmed": (
        "Dane potwierdzają {n} z {total} gmin członkowskich, które podaje Stowarzyszenie"
        " (stan na {day}).",
        "The data confirms {n} of the {total} member gminy the association reports (as of {day}).",
    ),
    "assoc_confirmed_plain": (
        "Dane potwierdzają {n} gmin członkowskich (stan na rok {day}).",
        "The data confirms {n} member gminy (as of {day}).",
    ),
    "assoc_members": (
        "Członkowie potwierdzeni w źródłach",
        "Members confirmed by a source",
    ),
    "assoc_unconfirmed": (
        "Członkowie znani wcześniej, niepotwierdzeni później",
        "Members known earlier, not confirmed since",
    ),
    "assoc_unconfirmed_note": (
        "Źródła przestają potwierdzać te członkostwa w podanej dacie. To nie jest znane"
        " wystąpienie: nie wiadomo, czy gmina nadal należy do Stowarzyszenia.",
        "The sources stop confirming these memberships on the date given. This is not a known"
        " departure: whether the gmina still belongs to the association is not known.",
    ),
    "not_confirmed_since": ("niepotwierdzone od {date}", "not confirmed since {date}"),
    "assoc_left": ("Członkowie, którzy wystąpili", "Members that left"),
    "none_in_data": ("brak w danych", "none in the data"),
    "teryt_code": ("TERYT", "TERYT"),
    "gmina_type": ("Typ gminy", "Type of gmina"),
    "gtype_miejska": ("miejska", "urban"),
    "gtype_wiejska": ("wiejska", "rural"),
    "gtype_miejsko-wiejska": ("miejsko-wiejska", "urban-rural"),
    "confirmed": ("Ostatnie potwierdzenie", "Last confirmed"),
    "status_unconfirmed": ("niepotwierdzony", "not confirmed"),
    "board": ("Zarząd", "Board"),
    "board_on": ("Zarząd w wybranym roku", "The board in the chosen year"),
    "board_terms": ("Zarząd według kadencji", "The board by term"),
    "term": ("Kadencja", "Term"),
    "assoc_networks": ("Sieci, do których należy Stowarzyszenie", "Networks it belongs to"),
    "kind": ("Rodzaj", "Kind"),
    "period": ("Okres", "Period"),
    "assoc_projects": ("Projekty według roku i priorytetu", "Projects by year and priority"),
    "programme": ("Program", "Programme"),
    "member_gminy": ("Gminy członkowskie", "Member gminy"),
    "priorities": ("Priorytety", "Priorities"),
    "assoc_role": ("Rola Stowarzyszenia", "The association's role"),
    "projects_by_priority": ("Projekty według priorytetu", "Projects by priority"),
    "no_priority": ("bez przypisanego priorytetu", "no priority recorded"),
    "no_project": (
        "Gminy członkowskie bez projektu (według danych)",
        "Member gminy with no project yet (as far as the data says)",
    ),
    "no_project_note": (
        "Źródła projektów są niepełne: brak projektu w danych nie znaczy, że gmina go nie ma.",
        "The project sources are partial: no project in the data does not mean the gmina has none.",
    ),
    "abroad": ("Jak członkowie łączą się z zagranicą", "How each member connects abroad"),
    "twin_towns": ("Miasta partnerskie", "Twin towns"),
    "erb_bodies": ("Organy ERB i sieci", "ERB bodies and networks"),
    "foreign_projects": ("Projekty z partnerami zagranicznymi", "Projects with foreign partners"),
    "over_time": ("Członkowie w czasie", "Members over time"),
    "over_time_note": (
        "Liczba gmin członkowskich, które źródło potwierdza w danym roku (od daty przystąpienia"
        " lub, gdy jej brak, od pierwszego potwierdzenia). Gminy bez daty przystąpienia nie są"
        " liczone, zanim źródło je wymieni.",
        "Member gminy a source confirms in each year (from the date of joining or, where it is"
        " unknown, from the first confirmation). Gminy with no known date of joining are not"
        " counted before a source names them.",
    ),
    "download_csv": ("Pobierz tabelę członków (CSV)", "Download the members table (CSV)"),
    "association_sources_note": (
        "Uwagi o zakresie danych dotyczące Stowarzyszenia",
        "Coverage notes that concern the association",
    ),
    # fixed words of roles as stored in English; the rest of a role is shown as stored
    "rolew_vice1": ("I wiceprzewodniczący zarządu", "1st vice-chair of the board"),
    "rolew_vice2": ("II wiceprzewodniczący zarządu", "2nd vice-chair of the board"),
    "rolew_vice": ("wiceprzewodniczący zarządu", "vice-chair of the board"),
    "rolew_chair": ("przewodniczący zarządu", "chair of the board"),
    "rolew_board_member": ("członek zarządu", "member of the board"),
    "rolew_supporting": ("członek wspierający", "supporting member (członek wspierający)"),
    "rolew_management": ("zarząd (organ zarządzający)", "board (management body)"),
    "rolew_appoints": ("wyznacza przedstawicieli", "appoints representatives"),
    "rolew_presidency": ("prezydencja", "presidency"),
    "rolew_coordinator": ("koordynator", "coordinator"),
    "rolew_first_board": ("pierwszy zarząd", "first board"),
    "rolew_elected_at": ("wybrany na", "elected at the"),
    "rolew_general_meeting": ("Walnym Zebraniu", "General Meeting"),
    "rolew_elected": ("wybrany", "elected"),
    "rolew_as_of": ("stan na", "as of"),
    "rolew_member": ("członek", "member"),
    "rolew_lead": ("lider", "lead"),
    "rolew_partner": ("partner", "partner"),
    "rolew_associated": ("partner stowarzyszony", "associated"),
    "term_n": ("{n}. kadencja", "{n} term"),
    # region and programme pages (viz/pages/region.py, viz/pages/programme.py)
    "region_title": ("współpraca międzynarodowa", "international co-operation"),
    "region_kicker": (
        "Co region robi, z kim, w jakich sprawach i od kiedy",
        "What the region does, with whom, on what and since when",
    ),
    "region_totals": ("Liczby", "Totals"),
    "stat_projects": ("Projekty", "Projects"),
    "stat_partner_rows": ("Udziały partnerów z regionu", "Partner rows from the region"),
    "stat_partners": ("Partnerzy z regionu", "Partners from the region"),
    "region_counts_note": (
        "Liczby opierają się wyłącznie na źródłach zawartych w danych tej witryny: projekt,"
        " którego żadne z nich nie wymienia, nie jest liczony. Udział partnera to jeden"
        " podmiot w jednym projekcie.",
        "The counts rest only on the sources bundled with this site's data: a project none of"
        " them lists is not counted. A partner row is one body in one project.",
    ),
    "region_gaps": (
        "Uwagi o zakresie danych dotyczące tej odpowiedzi",
        "Coverage notes that concern this answer",
    ),
    "region_filter_programme": ("Tylko projekty programu", "Only projects of the programme"),
    "region_filter_period": ("Okres", "Period"),
    "region_all_programmes": ("pokaż wszystkie programy", "show every programme"),
    "region_form": ("Okres i program", "Period and programme"),
    "period_from": ("Od (RRRR lub RRRR-MM-DD)", "From (YYYY or YYYY-MM-DD)"),
    "period_to": ("Do (RRRR lub RRRR-MM-DD)", "To (YYYY or YYYY-MM-DD)"),
    "region_by_year": ("Projekty według roku rozpoczęcia", "Projects by start year"),
    "region_chart_alt": (
        "Wykres słupkowy: liczba projektów regionu według roku rozpoczęcia; te same liczby"
        " podaje tabela obok.",
        "Bar chart: the region's projects by start year; the table beside it gives the same"
        " numbers.",
    ),
    "region_subregions": ("Według części regionu", "By part of the region"),
    "region_countries": (
        "Kraje partnerów (wszyscy partnerzy tych projektów)",
        "Partner countries (every partner of these projects)",
    ),
    "region_programmes": ("Według programu", "By programme"),
    "region_priorities": ("Według priorytetu", "By priority"),
    "region_projects": (
        "Projekty z partnerami z regionu",
        "Projects with partners from the region",
    ),
    "region_partners_here": ("Partnerzy z regionu", "Partners from the region"),
    "all_partners": ("Wszyscy partnerzy", "Every partner"),
    "region_only_this": ("tylko ten program", "this programme only"),
    "region_eligible_for": (
        "Obszar kwalifikowalny programów",
        "Eligible area of the programmes",
    ),
    "download_region_csv": ("Pobierz liczby (CSV)", "Download the counts (CSV)"),
    "region_page_link": (
        "Współpraca międzynarodowa regionu",
        "The region's international co-operation",
    ),
    "programme_page_link": ("Strona programu", "The programme's page"),
    "programme_priorities": ("Priorytety programu", "The programme's priorities"),
    "programme_area": ("Obszar kwalifikowalny", "Eligible area"),
    "programme_owner": (
        "Przyjęty przez / instytucja zarządzająca",
        "Adopted by / managing authority",
    ),
    "programme_projects": ("Projekty finansowane z programu", "Projects the programme funds"),
    "programme_region_link": ("projekty regionu w tym programie", "the region's projects in it"),
    # error pages of the live site (viz/routes.py)
    "error_bad_at": (
        "„{value}” nie jest rokiem ani datą, dla których ta strona ma dane. "
        "Podaj rok od {first} do {last} (np. at={last}) albo datę RRRR-MM-DD z tych lat{all}.",
        "“{value}” is not a year or date this page has data for. "
        "Give a year from {first} to {last} (e.g. at={last}) or a date YYYY-MM-DD in those "
        "years{all}.",
    ),
    "error_bad_at_all": (", albo at=all dla wszystkich lat", ", or at=all for all years"),
    "error_bad_param": (
        "Parametr „{name}” ma niepoprawną wartość: „{value}”.",
        "The parameter “{name}” has a value this page cannot use: “{value}”.",
    ),
    "error_no_page": ("Nie ma takiej strony: {path}", "There is no such page: {path}"),
    "error_method": (
        "Ta strona odpowiada tylko na zwykłe otwarcie (GET).",
        "This page only answers being opened (GET).",
    ),
    "error_server": (
        "Nie udało się przygotować tej strony; błąd został zapisany. Spróbuj ponownie za chwilę.",
        "This page could not be prepared; the error was logged. Please try again shortly.",
    ),
    "error_http": ("Tego żądania nie da się obsłużyć.", "This request cannot be answered."),
    # one language per page (names in their native form, text stored only in English)
    "native_name": ("nazwa oryginalna", "native name"),
    "in_english": ("(ang.)", "(EN)"),
    "in_english_title": ("tekst tylko po angielsku", "text in English only"),
    "as_stored": ("tytuł w języku źródła", "title in the source's language"),
    "total": ("Razem", "Total"),
    "conf_verified": ("zweryfikowane", "verified"),
    "conf_inferred": ("wywnioskowane", "inferred"),
    "conf_unverified": ("niezweryfikowane", "unverified"),
}

PROPS: dict[str, tuple[str, str]] = {
    "country": ("Kraj", "Country"),
    "role": ("Rola", "Role"),
    "basis": ("Podstawa", "Basis"),
    "strength": ("Siła powiązania", "Strength"),
    "confirmed": ("Ostatnio potwierdzono", "Last confirmed"),
    "keep_id": ("Identyfikator keep.eu", "keep.eu id"),
    "pic": ("PIC (numer uczestnika UE)", "PIC (EU participant code)"),
    "vat": ("Numer VAT", "VAT number"),
    "source_row": ("Wiersze pliku źródłowego", "Rows of the source file"),
    "teryt": ("TERYT", "TERYT"),
    "gmina_type": ("Typ gminy", "Municipality type"),
    "population": ("Ludność", "Population"),
    "aliases": ("Inne nazwy", "Other names"),
    "note": ("Uwagi", "Note"),
    "kind": ("Rodzaj", "Kind"),
    "city": ("Miejscowość", "Town"),
    "website": ("Strona", "Website"),
    "nuts_code": ("Kod NUTS", "NUTS code"),
    "nuts_level": ("Poziom NUTS", "NUTS level"),
    "nuts_edition": ("Wersja NUTS", "NUTS edition"),
    "iso_code": ("Kod ISO", "ISO code"),
    "city_with_county_rights": ("Miasto na prawach powiatu", "City with county rights"),
    "nuts3": ("NUTS 3", "NUTS 3"),
    "adopted": ("Przyjęto", "Adopted"),
    "period": ("Okres", "Period"),
    "code": ("Kod", "Code"),
    "keywords": ("Słowa kluczowe", "Keywords"),
    "description": ("Opis", "Description"),
    "acronym": ("Akronim", "Acronym"),
    "budget_eur": ("Budżet (EUR)", "Budget (EUR)"),
    "signed": ("Podpisano", "Signed"),
    "status": ("Status", "Status"),
    "retrieved": ("Pobrano", "Retrieved"),
    "confidence": ("Wiarygodność", "Confidence"),
    "licence": ("Licencja", "Licence"),
    "url": ("Adres", "URL"),
    "document": ("Dokument", "Document"),
}

LABELS: dict[str, tuple[str, str]] = {
    "Country": ("Państwo", "Country"),
    "Region": ("Region", "Region"),
    "County": ("Powiat", "County"),
    "Municipality": ("Gmina", "Municipality"),
    "Organisation": ("Organizacja", "Organisation"),
    "Network": ("Sieć", "Network"),
    "Strategy": ("Strategia", "Strategy"),
    "Programme": ("Program", "Programme"),
    "Priority": ("Priorytet", "Priority"),
    "Project": ("Projekt", "Project"),
    "Agreement": ("Porozumienie", "Agreement"),
    "Source": ("Źródło", "Source"),
    "Summary": ("Zbiorczy", "Summary"),
}

RELATIONS: dict[str, tuple[str, str]] = {
    "PART_OF": ("część", "part of"),
    "LOCATED_IN": ("siedziba w", "located in"),
    "MEMBER_OF": ("członek", "member of"),
    "PARTICIPATES_IN": ("uczestniczy w", "participates in"),
    "FUNDED_BY": ("finansowany z", "funded by"),
    "DEFINES": ("określa", "defines"),
    "ADDRESSES": ("dotyczy", "addresses"),
    "FOCUSES_ON": ("skupia się na", "focuses on"),
    "SIGNED_BY": ("podpisane przez", "signed by"),
    "COVERS": ("obejmuje", "covers"),
    "ALIGNS_WITH": ("zbieżny z", "aligns with"),
    "ELIGIBLE_AREA": ("obszar programu", "eligible area"),
    "TWINNED_WITH": ("miasto partnerskie", "twinned with"),
    "ADOPTED_BY": ("przyjęte przez", "adopted by"),
}


#: ``area`` of a coverage note (``data/coverage.csv``, see ``viz.i18n_coverage``)
#: → (Polish, English).
COVERAGE_AREAS: dict[str, tuple[str, str]] = {
    "agreements": ("porozumienia", "agreements"),
    "association": ("stowarzyszenie", "association"),
    "erb": ("ERB", "ERB"),
    "projects": ("projekty", "projects"),
    "territory": ("terytorium", "territory"),
    "twinning": ("miasta partnerskie", "twinning"),
}

#: ``scope`` of a note → (Polish, English); a scope not listed (a programme's name) is shown
#: as stored, marked as English on Polish pages.
COVERAGE_SCOPES: dict[str, tuple[str, str]] = {
    "Pomorskie agreements": ("porozumienia Pomorskiego", "Pomorskie agreements"),
    "member gminy": ("gminy członkowskie", "member gminy"),
    "bodies and presidencies": ("organy i prezydencje", "bodies and presidencies"),
    "members over time": ("członkowie w czasie", "members over time"),
    "town twinning of gminy in woj. 22 and 28": (
        "partnerstwa miast gmin w woj. 22 i 28",
        "town twinning of gminy in woj. 22 and 28",
    ),
    "gminy and powiaty of pomorskie and warmińsko-mazurskie": (
        "gminy i powiaty pomorskiego i warmińsko-mazurskiego",
        "gminy and powiaty of pomorskie and warmińsko-mazurskie",
    ),
    "NUTS 2021 regions for PL62, PL63 and ERB regions in DK, SE, LT": (
        "regiony NUTS 2021 dla PL62, PL63 i regiony ERB w DK, SE, LT",
        "NUTS 2021 regions for PL62, PL63 and ERB regions in DK, SE, LT",
    ),
}

#: Every table by name, for checks that walk all the website's words.
ALL_TABLES: dict[str, dict[str, tuple[str, str]]] = {
    "TEXT": TEXT,
    "PROPS": PROPS,
    "LABELS": LABELS,
    "RELATIONS": RELATIONS,
    "COVERAGE_AREAS": COVERAGE_AREAS,
    "COVERAGE_SCOPES": COVERAGE_SCOPES,
}
