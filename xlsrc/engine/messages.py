"""Every reason the engine gives for refusing a formula, in Finnish, in one place.

A finance user reads these in ``xlsrc recalc`` output next to the cell
(``Laskelma!B7: funktiota FORECAST.ETS ei tueta ...``).  Function names,
cell addresses, format codes and the formula text quoted stay as Excel
writes them.  The texts are the message catalogue's (one function per
message), translated into the language in force when the refusal is made.

Words: *laskentataulukko* is a worksheet, *taulukko* an Excel Table.
"""

from __future__ import annotations

from xlsrc.core.text import Num, tr


# -- functions and arguments -------------------------------------------------------
def unsupported_function(name: str) -> str:
    return tr("funktiota {name} ei tueta xlsrc-laskennassa", name=name)


def argument_count(name: str, count: int) -> str:
    return tr("{name} sai {count} argumenttia", name=name, count=count)


def udf_argument_count(signature: str, required: int, allowed: int, count: int) -> str:
    return tr(
        "{signature} ottaa {required}-{allowed} argumenttia, sai {count}",
        signature=signature,
        required=required,
        allowed=allowed,
        count=count,
    )


def udf_failed(name: str, error: BaseException) -> str:
    return tr(
        "{name} keskeytyi virheeseen {kind}: {error}",
        name=name,
        kind=type(error).__name__,
        error=error,
    )


def omitted_argument(name: str) -> str:
    return tr("{name} tyhjällä argumentilla (Excelin tulosta ei tunneta)", name=name)


def range_argument(name: str) -> str:
    return tr(
        "{name} usean solun alueella argumenttina (Excel lukee sen omalla tavallaan)", name=name
    )


def single_argument() -> str:
    return tr("SINGLE (@) ottaa yhden argumentin")


def indirect_literal_only() -> str:
    return tr(
        "INDIRECT on tuettu vain kirjaimellisella A1-viittaustekstillä, kuten "
        'INDIRECT("Taul1!A1:B5")'
    )


def unlifted_in_sumproduct(name: str) -> str:
    return tr(
        "{name} saa taulukon SUMPRODUCTin sisällä tavallisessa kaavassa (Excel laskee sen alkio "
        "kerrallaan vain taulukkokaavassa)",
        name=name,
    )


def whole_line_elementwise(reference: str) -> str:
    return tr(
        "koko rivi tai sarake {reference} laskettuna alkio kerrallaan taulukkona",
        reference=reference,
    )


def regional_text(text: str) -> str:
    return tr("teksti {text!r} lukuna: Excel lukee sen alueasetusten mukaan", text=text)


# -- references, names, tables -----------------------------------------------------
def deleted_reference() -> str:
    return tr("kaavassa on #REF! (poistettu viittaus)")


def missing_sheet(name: str) -> str:
    return tr("viittaus laskentataulukkoon {name!r}, jota ei ole", name=name)


def undefined_name(name: str) -> str:
    return tr("nimeä {name!r} ei ole määritetty tässä työkirjassa", name=name)


def name_refers_to_itself(name: str) -> str:
    return tr("määritetty nimi {name!r} viittaa itseensä", name=name)


def in_defined_name(name: str, message: str) -> str:
    return tr("määritetyssä nimessä {name}: {message}", name=name, message=message)


def outside_any_table(body: str) -> str:
    return tr("rakenteinen viittaus [{body}] taulukon ulkopuolella", body=body)


def missing_table(name: str) -> str:
    return tr(
        "kaava viittaa taulukkoon {name!r}, jota ei enää ole (välilehti poistettu?)", name=name
    )


def deleted_table(text: str) -> str:
    """LibreOffice's save of a reference to a Table it deleted with its sheet: ``#NAME?[[Col]]``."""
    return tr(
        "kaava viittaa taulukkoon, jota ei enää ole (välilehti poistettu?): tiedostoon on "
        "tallennettu {text} ilman taulukon nimeä",
        text=text,
    )


def deleted_sheet(text: str) -> str:
    """Excel's save of a reference to a sheet deleted since: ``#REF!C11``."""
    return tr(
        "kaava viittaa laskentataulukkoon, jota ei enää ole (välilehti poistettu?): {text} "
        "(Excel antaa viittauksesta virhearvon #REF!)",
        text=text,
    )


def missing_column(table: str, name: str) -> str:
    return tr("taulukossa {table} ei ole saraketta {name!r}", table=table, name=name)


def unsupported_structured_reference(table: str, body: str) -> str:
    return tr("rakenteista viittausta {table}[{body}] ei tueta", table=table, body=body)


def unreadable_structured_reference(text: str) -> str:
    return tr("rakenteista viittausta [{text}] ei voi lukea", text=text)


def other_workbook(text: str) -> str:
    return tr("viittausta toiseen työkirjaan ({text!r}) ei tueta", text=text)


def three_d_reference(sheets: str) -> str:
    return tr("usean laskentataulukon 3D-viittausta ({sheets}) ei tueta", sheets=sheets)


def outside_the_sheet(text: str) -> str:
    return tr("viittaus {text!r} on laskentataulukon ulkopuolella", text=text)


def shared_formula_without_anchor(index: str | None) -> str:
    return tr("jaetulla kaavalla {index} ei ole määrittävää solua", index=index)


# -- formula syntax ----------------------------------------------------------------
def unreadable_formula(text: str) -> str:
    return tr("kaavaa ei voi lukea kohdasta {text!r}", text=text)


def unexpected(what: str) -> str:
    return tr("odottamaton {what}", what=what)


def formula_ends_early() -> str:
    return tr("kaava päättyy kesken")


def expected_token(kind: str, found: str) -> str:
    return tr("odotettiin {kind!r}, löytyi {found}", kind=kind, found=found)


def expected_separator(name: str, found: str) -> str:
    return tr("odotettiin ',' tai ')' funktiossa {name}, löytyi {found}", name=name, found=found)


def reference_token() -> str:
    return tr("viittaus (leikkausoperaattoria eli välilyöntiä viittausten välissä ei tueta)")


def name_token(name: str) -> str:
    return tr("nimi {name!r}", name=name)


def array_constants_only() -> str:
    return tr("taulukkovakiossa voi olla vain vakioita")


def unexpected_in_array(what: str) -> str:
    return tr("odottamaton {what} taulukkovakiossa", what=what)


def ragged_array() -> str:
    return tr("taulukkovakion rivit ovat eripituisia")


# -- evaluation --------------------------------------------------------------------
def circular(cells: list[str]) -> str:
    return tr("kehäviittaus: {cells}", cells=" -> ".join(cells))


def depends_on_refused(origin: str, reason: str) -> str:
    return tr("riippuu solusta {origin}, jota ei lasketa ({reason})", origin=origin, reason=reason)


def chain_too_deep(depth: int) -> str:
    return tr("yli {number} toisistaan riippuvan kaavan ketju", number=Num(depth))


def no_thread_stack() -> str:
    return tr(
        "laskentaa ei voi aloittaa: muisti ei riitä (pinoa ei voi varata); aja työkirja yksinään "
        "tai koneella, jolla on enemmän muistia"
    )


def internal_error(error: BaseException) -> str:
    return tr("sisäinen virhe laskennassa: {kind}: {error}", kind=type(error).__name__, error=error)


def output_and_in_place() -> str:
    return tr("anna joko tulostiedosto tai paikallaan laskenta, ei molempia")


def output_overwrites_input() -> str:
    return tr("tuloste korvaisi syötetiedoston; käytä siihen paikallaan laskentaa (--in-place)")


# -- functions' refused forms ------------------------------------------------------
def floor_zero_zero() -> str:
    return tr("FLOOR(0,0) (Excelin tulosta ei ole dokumentoitu)")


def trigonometric_noise() -> str:
    return tr("SIN/COS/TAN piin monikerrassa (Excelin pyöristyskohina on toinen)")


def hidden_rows(name: str) -> str:
    return tr(
        "{name} laskentataulukossa, jossa on piilotettuja tai suodatettuja rivejä (laskenta ei "
        "tiedä, mitkä rivit suodatin piilottaa)",
        name=name,
    )


def aggregate_function(number: object) -> str:
    return tr("AGGREGATE-funktiota {number} ei tueta", number=number)


def aggregate_array() -> str:
    return tr("AGGREGATE LARGE/SMALL taulukkovakiosta (vain alueista)")


def unsorted_lookup() -> str:
    return tr(
        "likimääräinen tai binäärihaku lajittelemattomasta aineistosta (Excelin tulos riippuu "
        "puolitushaun vaiheista)"
    )


def regex_match_mode() -> str:
    return tr("hakutilaa 3 (säännölliset lausekkeet) ei tueta")


def fv_rate_below_minus_one() -> str:
    return tr("FV alle -100 %:n korolla (Excelin tulosta ei tunneta)")


def negative_roman() -> str:
    return tr("ARABIC negatiivisesta roomalaisesta numerosta (Excelin tulosta ei tunneta)")


def datedif_md() -> str:
    return tr('DATEDIF yksiköllä "MD" (Microsoft kertoo sen epätarkaksi)')


def array_too_large(count: int) -> str:
    return tr("yli {number} alkion taulukko (Excelin rajat eivät ole tiedossa)", number=Num(count))


def spill_size_changed(recorded: str, rows: int, cols: int) -> str:
    return tr(
        "dynaaminen taulukko levittäytyisi uuteen kokoon {rows}x{cols} tallennetun alueen "
        "{recorded} sijaan (Excel levittäisi sen toisin tai näyttäisi #SPILL!)",
        rows=rows,
        cols=cols,
        recorded=recorded,
    )


def formulatext_array_or_shared() -> str:
    return tr(
        "FORMULATEXT taulukkokaavasta tai jaetun kaavan muusta kuin ensimmäisestä solusta "
        "(Excelin näyttämä teksti ei ole tiedostossa sellaisenaan)"
    )


def formulatext_shown_differently(text: str) -> str:
    return tr(
        "FORMULATEXT kaavasta {text!r} (Excel näyttää sen toisin kuin tiedostossa)", text=text
    )


# -- TEXT format codes -------------------------------------------------------------
def text_code(inner: str) -> str:
    return tr("TEXT-muotoilukoodia [{inner}] ei tueta", inner=inner)


def text_at_in_number_section(code: str, index: int) -> str:
    return tr("TEXT-muotoilu {code!r}: @ lukuosassa {index}", code=code, index=index)


def text_empty_code_negative() -> str:
    return tr("TEXT negatiiviselle luvulle tyhjällä muotoilukoodilla")


def text_negative_date() -> str:
    return tr("TEXT negatiiviselle luvulle päivämääräosalla")


def text_general(text: str) -> str:
    return tr("TEXT luvulle {text} muodossa General (Excel lyhentää sen)", text=text)


def text_fraction(section: str) -> str:
    return tr("TEXT-murtolukumuotoilua {section!r} ei tueta", section=section)


def text_decimal_points(section: str) -> str:
    return tr("TEXT-muotoilu {section!r}: useampi kuin yksi desimaalipiste", section=section)


def text_zero_after_hash(section: str) -> str:
    return tr("TEXT-muotoilu {section!r}: 0 merkin # tai ? jälkeen desimaaleissa", section=section)


def text_between_digits(section: str) -> str:
    return tr("TEXT-muotoilu {section!r}: tekstiä numeropaikkojen välissä", section=section)


def text_character(char: str) -> str:
    return tr("TEXT-muotoilumerkkiä {char!r} ei tueta", char=char)


def text_fraction_of_seconds(section: str) -> str:
    return tr("TEXT-päivämäärämuotoilu {section!r} (sekunnin osat)", section=section)


def text_date_character(char: str) -> str:
    return tr("TEXT-päivämäärämuotoilumerkkiä {char!r} ei tueta", char=char)


def text_date_code(token: str) -> str:
    return tr("TEXT-päivämäärämuotoilukoodia {token!r} ei tueta", token=token)


# -- reading and writing files -----------------------------------------------------
def sheet_not_utf8(sheet: str) -> str:
    return tr("laskentataulukko {sheet!r} ei ole UTF-8-muotoista XML:ää", sheet=sheet)


def malformed_cells(sheet: str, error: BaseException) -> str:
    return tr(
        "laskentataulukossa {sheet!r} on virheellisiä soluja ({error})", sheet=sheet, error=error
    )


def in_sheet(sheet: str, problem: object) -> str:
    return tr("laskentataulukko {sheet!r}: {problem}", sheet=sheet, problem=problem)


def cannot_read_or_write(error: BaseException) -> str:
    return tr("tiedostoa ei voi lukea tai kirjoittaa: {error}", error=error)


def not_validated(error: BaseException) -> str:
    return tr("ei tarkistettu: {error}", error=error)
