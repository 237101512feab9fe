"""Excel-facing status functions: bands of the rules sheet, target comparison."""

from __future__ import annotations

from typing import Any

from xlsrc.core.errors import InvalidNumber, InvalidTarget
from xlsrc.core.numbers import NotANumber
from xlsrc.core.schemes import TRAFFIC_LIGHT_80_90
from xlsrc.core.targets import assess
from xlsrc.core.text import N_, Msg
from xlsrc.core.words import Method, parse_method
from xlsrc.functions.cells import (
    about,
    cell_reading,
    check,
    flat,
    is_blank,
    number,
    optional_column,
    per_row,
    same_length,
    scheme,
)
from xlsrc.registry import ArgKind, excel_function

_RULES_HELP: tuple[str, ArgKind] = (N_("Sääntötaulukon alue (Säännöt-välilehti)"), "range")


def _method(value: Any) -> Method:
    return parse_method(check(value))


def _actual(value: Any) -> Any:
    """An actual as every path reads it: a number, blank (pending), a non-value word;
    a number typed as text is refused (:func:`xlsrc.core.numbers.read_cell`)."""
    reading = cell_reading(value, words=True)
    if isinstance(reading, NotANumber) and reading.kind == "text":
        raise InvalidNumber(about(Msg("toteuma"), reading.reason))
    return value


@excel_function(
    name="XS_BAND",
    category=N_("xlsrc tilat"),
    description=N_("Sen sääntötaulukon vyöhykkeen tilateksti, johon arvo osuu."),
    args={"value": N_("Osuus tai toteumaprosentti (0–100 %)"), "rules": _RULES_HELP},
)
def xs_band(value: Any, rules: Any) -> str:
    """Status label of the band that contains the value, by the workbook's rules table.

    A blank value (an unused row) stays blank.
    """
    if is_blank(check(value)):
        return ""
    rules_scheme = scheme(rules)
    return rules_scheme.classify(number(value, Msg("arvo"))).label(rules_scheme.written_in)


@excel_function(
    name="XS_BANDS",
    category=N_("xlsrc tilat"),
    description=N_("XS_BAND alueelle: yksi tilateksti riviä kohden; tyhjät rivit jäävät tyhjiksi."),
    args={"values": (N_("Sarake osuuksia"), "range"), "rules": _RULES_HELP},
    returns="array",
)
def xs_bands(values: Any, rules: Any) -> list[list[Any]]:
    """Range form of XS_BAND: one status label per row; blank rows stay blank."""
    rules_scheme = scheme(rules)
    column = flat(values)

    def one(i: int) -> str:
        if column[i] is None or column[i] == "":
            return ""
        band = rules_scheme.classify(number(column[i], Msg("rivi {row}", row=i + 1)))
        return band.label(rules_scheme.written_in)

    return per_row(len(column), one)


@excel_function(
    name="XS_TARGET_STATUS",
    category=N_("xlsrc tilat"),
    description=N_(
        'Toteuman tila tavoitteeseen verrattuna; puuttuva toteuma on "Valmistuu myöhemmin".'
    ),
    args={
        "actual": N_("Toteuma (luku tai teksti, tyhjä = odottaa)"),
        "target": N_('Tavoitearvo tekstinä, esim. "≥ 90%", "vähintään 98,5 %"'),
        "method": N_(
            "Arviointitapa: Toteutumisaste, Mitattu osuus, Saavutettu tai ei tai Edistymä"
        ),
        "rules": _RULES_HELP,
        "baseline": N_("Lähtöarvo (tarvitaan arviointitavalle Edistymä)"),
    },
)
def xs_target_status(
    actual: Any, target: Any, method: Any, rules: Any, baseline: Any = None
) -> str:
    """Status of an actual against its target; a missing actual is "Valmistuu myöhemmin".

    An empty row (no actual, target or method) stays empty.
    """
    if is_blank(check(actual), check(target), check(method)):
        return ""
    outcome = assess(
        _actual(actual), check(target), _method(method), scheme(rules), check(baseline)
    )
    return outcome.label()


@excel_function(
    name="XS_TARGET_STATUSES",
    category=N_("xlsrc tilat"),
    description=N_(
        "XS_TARGET_STATUS alueelle: yksi tila riviä kohden; tyhjät vararivit jäävät tyhjiksi."
    ),
    args={
        "actuals": (N_("Toteumasarake"), "range"),
        "targets": (N_("Tavoitearvosarake"), "range"),
        "methods": (N_("Arviointitapasarake"), "range"),
        "rules": _RULES_HELP,
        "baselines": (N_("Lähtöarvosarake"), "range"),
    },
    returns="array",
)
def xs_target_statuses(
    actuals: Any, targets: Any, methods: Any, rules: Any, baselines: Any = None
) -> list[list[Any]]:
    """Range form of XS_TARGET_STATUS: one status per row; spare (blank) rows stay blank."""
    actual_column, target_column, method_column = flat(actuals), flat(targets), flat(methods)
    count = same_length(actual_column, target_column, method_column)
    baseline_column = optional_column(baselines, count)
    rules_scheme = scheme(rules)

    def one(i: int) -> str:
        if is_blank(actual_column[i], target_column[i], method_column[i]):
            return ""
        return assess(
            _actual(actual_column[i]),
            check(target_column[i]),
            _method(method_column[i]),
            rules_scheme,
            check(baseline_column[i]),
        ).label()

    return per_row(count, one)


@excel_function(
    name="XS_ACHIEVEMENT",
    category=N_("xlsrc tilat"),
    description=N_(
        "Toteutumisaste: 1/0 saavutettu-menetelmälle, suhdeluku tai edistyminen lähtöarvosta."
    ),
    args={
        "actual": N_("Toteuma"),
        "target": N_("Tavoitearvo tekstinä"),
        "method": N_("Arviointitapa: Toteutumisaste, Saavutettu tai ei tai Edistymä"),
        "baseline": N_("Lähtöarvo (arviointitavalle Edistymä)"),
    },
)
def xs_achievement(actual: Any, target: Any, method: Any, baseline: Any = None) -> float | str:
    """Achievement score: 1/0 for met, the ratio, or progress from the baseline.

    Blank while the actual is pending; #VALUE! when the target cannot be assessed.
    """
    chosen = _method(method)
    if chosen == "value":
        return number(actual, Msg("toteuma"))
    outcome = assess(_actual(actual), check(target), chosen, TRAFFIC_LIGHT_80_90, check(baseline))
    if outcome.state == "pending":
        return ""
    if outcome.score is None:
        raise InvalidTarget(outcome.reason)
    return outcome.score
