"""Every reason the engine gives for refusing a formula, in Finnish, in one place.

A finance user reads these in ``xlsrc recalc`` output next to the cell
(``Laskelma!B7: funktiota FORECAST.ETS ei tueta ...``).  Function names,
cell addresses, format codes and the formula text quoted stay as Excel
writes them.  Keeping the texts here, one function per message, lets a
message catalogue replace them later without touching the code that raises.

Words: *laskentataulukko* is a worksheet, *taulukko* an Excel Table.
"""

from __future__ import annotations


def _number(count: int) -> str:
    return f"{count:,}".replace(",", " ")


# -- functions and arguments -------------------------------------------------------
def unsupported_function(name: str) -> str:
    return f"funktiota {name} ei tueta xlsrc-laskennassa"


def argument_count(name: str, count: int) -> str:
    return f"{name} sai {count} argumenttia"


def udf_argument_count(signature: str, required: int, allowed: int, count: int) -> str:
    return f"{signature} ottaa {required}-{allowed} argumenttia, sai {count}"


def udf_failed(name: str, error: BaseException) -> str:
    return f"{name} keskeytyi virheeseen {type(error).__name__}: {error}"


def omitted_argument(name: str) -> str:
    return f"{name} tyhjällä argumentilla (Excelin tulosta ei tunneta)"


def range_argument(name: str) -> str:
    return f"{name} usean solun alueella argumenttina (Excel lukee sen omalla tavallaan)"


def single_argument() -> str:
    return "SINGLE (@) ottaa yhden argumentin"


def indirect_literal_only() -> str:
    return (
        "INDIRECT on tuettu vain kirjaimellisella A1-viittaustekstillä, "
        'kuten INDIRECT("Taul1!A1:B5")'
    )


def unlifted_in_sumproduct(name: str) -> str:
    return (
        f"{name} saa taulukon SUMPRODUCTin sisällä tavallisessa kaavassa "
        "(Excel laskee sen alkio kerrallaan vain taulukkokaavassa)"
    )


def whole_line_elementwise(reference: str) -> str:
    return f"koko rivi tai sarake {reference} laskettuna alkio kerrallaan taulukkona"


def regional_text(text: str) -> str:
    return f"teksti {text!r} lukuna: Excel lukee sen alueasetusten mukaan"


# -- references, names, tables -----------------------------------------------------
def deleted_reference() -> str:
    return "kaavassa on #REF! (poistettu viittaus)"


def missing_sheet(name: str) -> str:
    return f"viittaus laskentataulukkoon {name!r}, jota ei ole"


def undefined_name(name: str) -> str:
    return f"nimeä {name!r} ei ole määritetty tässä työkirjassa"


def name_refers_to_itself(name: str) -> str:
    return f"määritetty nimi {name!r} viittaa itseensä"


def in_defined_name(name: str, message: str) -> str:
    return f"määritetyssä nimessä {name}: {message}"


def outside_any_table(body: str) -> str:
    return f"rakenteinen viittaus [{body}] taulukon ulkopuolella"


def missing_table(name: str) -> str:
    return f"taulukkoa {name!r} ei ole"


def missing_column(table: str, name: str) -> str:
    return f"taulukossa {table} ei ole saraketta {name!r}"


def unsupported_structured_reference(table: str, body: str) -> str:
    return f"rakenteista viittausta {table}[{body}] ei tueta"


def unreadable_structured_reference(text: str) -> str:
    return f"rakenteista viittausta [{text}] ei voi lukea"


def other_workbook(text: str) -> str:
    return f"viittausta toiseen työkirjaan ({text!r}) ei tueta"


def three_d_reference(sheets: str) -> str:
    return f"usean laskentataulukon 3D-viittausta ({sheets}) ei tueta"


def outside_the_sheet(text: str) -> str:
    return f"viittaus {text!r} on laskentataulukon ulkopuolella"


def shared_formula_without_anchor(index: str | None) -> str:
    return f"jaetulla kaavalla {index} ei ole määrittävää solua"


# -- formula syntax ----------------------------------------------------------------
def unreadable_formula(text: str) -> str:
    return f"kaavaa ei voi lukea kohdasta {text!r}"


def unexpected(what: str) -> str:
    return f"odottamaton {what}"


def formula_ends_early() -> str:
    return "kaava päättyy kesken"


def expected_token(kind: str, found: str) -> str:
    return f"odotettiin {kind!r}, löytyi {found}"


def expected_separator(name: str, found: str) -> str:
    return f"odotettiin ',' tai ')' funktiossa {name}, löytyi {found}"


def reference_token() -> str:
    return "viittaus (leikkausoperaattoria eli välilyöntiä viittausten välissä ei tueta)"


def name_token(name: str) -> str:
    return f"nimi {name!r}"


def array_constants_only() -> str:
    return "taulukkovakiossa voi olla vain vakioita"


def unexpected_in_array(what: str) -> str:
    return f"odottamaton {what} taulukkovakiossa"


def ragged_array() -> str:
    return "taulukkovakion rivit ovat eripituisia"


# -- evaluation --------------------------------------------------------------------
def circular(cells: list[str]) -> str:
    return "kehäviittaus: " + " -> ".join(cells)


def depends_on_refused(origin: str, reason: str) -> str:
    return f"riippuu solusta {origin}, jota ei lasketa ({reason})"


def chain_too_deep(depth: int) -> str:
    return f"yli {_number(depth)} toisistaan riippuvan kaavan ketju"


def no_thread_stack() -> str:
    return (
        "laskentaa ei voi aloittaa: muisti ei riitä (pinoa ei voi varata); "
        "aja työkirja yksinään tai koneella, jolla on enemmän muistia"
    )


def internal_error(error: BaseException) -> str:
    return f"sisäinen virhe laskennassa: {type(error).__name__}: {error}"


def output_and_in_place() -> str:
    return "anna joko tulostiedosto tai paikallaan laskenta, ei molempia"


def output_overwrites_input() -> str:
    return "tuloste korvaisi syötetiedoston; käytä siihen paikallaan laskentaa (--in-place)"


# -- functions' refused forms ------------------------------------------------------
def floor_zero_zero() -> str:
    return "FLOOR(0,0) (Excelin tulosta ei ole dokumentoitu)"


def trigonometric_noise() -> str:
    return "SIN/COS/TAN piin monikerrassa (Excelin pyöristyskohina on toinen)"


def hidden_rows(name: str) -> str:
    return (
        f"{name} laskentataulukossa, jossa on piilotettuja tai suodatettuja rivejä "
        "(laskenta ei tiedä, mitkä rivit suodatin piilottaa)"
    )


def aggregate_function(number: object) -> str:
    return f"AGGREGATE-funktiota {number} ei tueta"


def aggregate_array() -> str:
    return "AGGREGATE LARGE/SMALL taulukkovakiosta (vain alueista)"


def unsorted_lookup() -> str:
    return (
        "likimääräinen tai binäärihaku lajittelemattomasta aineistosta "
        "(Excelin tulos riippuu puolitushaun vaiheista)"
    )


def regex_match_mode() -> str:
    return "hakutilaa 3 (säännölliset lausekkeet) ei tueta"


def fv_rate_below_minus_one() -> str:
    return "FV alle -100 %:n korolla (Excelin tulosta ei tunneta)"


def negative_roman() -> str:
    return "ARABIC negatiivisesta roomalaisesta numerosta (Excelin tulosta ei tunneta)"


def datedif_md() -> str:
    return 'DATEDIF yksiköllä "MD" (Microsoft kertoo sen epätarkaksi)'


def array_too_large(count: int) -> str:
    return f"yli {_number(count)} alkion taulukko (Excelin rajat eivät ole tiedossa)"


def spill_size_changed(recorded: str, rows: int, cols: int) -> str:
    return (
        f"dynaaminen taulukko levittäytyisi uuteen kokoon {rows}x{cols} tallennetun alueen "
        f"{recorded} sijaan (Excel levittäisi sen toisin tai näyttäisi #SPILL!)"
    )


def formulatext_array_or_shared() -> str:
    return (
        "FORMULATEXT taulukkokaavasta tai jaetun kaavan muusta kuin ensimmäisestä solusta "
        "(Excelin näyttämä teksti ei ole tiedostossa sellaisenaan)"
    )


def formulatext_shown_differently(text: str) -> str:
    return f"FORMULATEXT kaavasta {text!r} (Excel näyttää sen toisin kuin tiedostossa)"


# -- TEXT format codes -------------------------------------------------------------
def text_code(inner: str) -> str:
    return f"TEXT-muotoilukoodia [{inner}] ei tueta"


def text_at_in_number_section(code: str, index: int) -> str:
    return f"TEXT-muotoilu {code!r}: @ lukuosassa {index}"


def text_empty_code_negative() -> str:
    return "TEXT negatiiviselle luvulle tyhjällä muotoilukoodilla"


def text_negative_date() -> str:
    return "TEXT negatiiviselle luvulle päivämääräosalla"


def text_general(text: str) -> str:
    return f"TEXT luvulle {text} muodossa General (Excel lyhentää sen)"


def text_fraction(section: str) -> str:
    return f"TEXT-murtolukumuotoilua {section!r} ei tueta"


def text_decimal_points(section: str) -> str:
    return f"TEXT-muotoilu {section!r}: useampi kuin yksi desimaalipiste"


def text_zero_after_hash(section: str) -> str:
    return f"TEXT-muotoilu {section!r}: 0 merkin # tai ? jälkeen desimaaleissa"


def text_between_digits(section: str) -> str:
    return f"TEXT-muotoilu {section!r}: tekstiä numeropaikkojen välissä"


def text_character(char: str) -> str:
    return f"TEXT-muotoilumerkkiä {char!r} ei tueta"


def text_fraction_of_seconds(section: str) -> str:
    return f"TEXT-päivämäärämuotoilu {section!r} (sekunnin osat)"


def text_date_character(char: str) -> str:
    return f"TEXT-päivämäärämuotoilumerkkiä {char!r} ei tueta"


def text_date_code(token: str) -> str:
    return f"TEXT-päivämäärämuotoilukoodia {token!r} ei tueta"


# -- reading and writing files -----------------------------------------------------
def sheet_not_utf8(sheet: str) -> str:
    return f"laskentataulukko {sheet!r} ei ole UTF-8-muotoista XML:ää"


def malformed_cells(sheet: str, error: BaseException) -> str:
    return f"laskentataulukossa {sheet!r} on virheellisiä soluja ({error})"


def in_sheet(sheet: str, problem: object) -> str:
    return f"laskentataulukko {sheet!r}: {problem}"


def cannot_read_or_write(error: BaseException) -> str:
    return f"tiedostoa ei voi lukea tai kirjoittaa: {error}"


def not_validated(error: BaseException) -> str:
    return f"ei tarkistettu: {error}"
