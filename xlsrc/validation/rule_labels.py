"""What each validation rule is called where a person reads it.

A finding's ``rule`` is a stable code (``change_eur``, ``pivot_cell``) for
``--json`` consumers and tests; the text table, the "Tarkistukset" sheet and
the add-in show its label from the message catalogue instead ("Muutos €",
"Pivot-solu"), in the language in force.  A finding that broke several
equations at once carries their codes joined by "+"; each is labelled.
"""

from __future__ import annotations

from xlsrc.core.text import N_, tr, translate

#: The suffix of a rule whose value is stated where it cannot be computed.
UNDEFINED = "_undefined"

#: Rule code -> its label (a catalogue text).
RULE_LABELS: dict[str, str] = {
    "annual_margin": N_("Vuosikate"),
    "area_sum": N_("Palvelualueen summa"),
    "block_sum": N_("Lohkon summa"),
    "budget": N_("Talousarvio"),
    "cash_flow": N_("Rahoituslaskelma"),
    "change_eur": N_("Muutos €"),
    "change_pct": N_("Muutos %"),
    "cross_table": N_("Taulukoiden välinen täsmäytys"),
    "duplicate_measure": N_("Sama toimenpide kahdesti"),
    "enn_vs_ta_pct": N_("ENN vs. TA %"),
    "formula_missing": N_("Laskettu solu tyhjä"),
    "formula_replaced": N_("Kaava korvattu arvolla"),
    "frame_difference": N_("Erotus kehykseen"),
    "goal_counts": N_("Tavoitteiden lukumäärät"),
    "header_changed": N_("Otsikko muuttunut"),
    "invalid_rules": N_("Virheellinen sääntötaulukko"),
    "invalid_setting": N_("Virheellinen asetus"),
    "kpi_statuses": N_("Mittareiden tilat"),
    "list_total": N_("Luettelon summa"),
    "locked_quarter_inputs": N_("Lukitun neljänneksen syötteet"),
    "ltk_tae": N_("LTK vs. TAE"),
    "margin_identity": N_("Toimintakate = tulot − menot"),
    "missing_column": N_("Sarake puuttuu"),
    "missing_table": N_("Taulukko puuttuu"),
    "misplaced_row": N_("Rivi väärässä kohdassa"),
    "missing_row": N_("Rivi puuttuu"),
    "missing_rules": N_("Sääntövälilehti puuttuu"),
    "missing_total": N_("Summa puuttuu"),
    "missing_value": N_("Arvo puuttuu"),
    "muutos_eur": N_("Muutos €"),
    "muutos_pct": N_("Muutos %"),
    "not_a_number": N_("Ei luku"),
    "outside_table": N_("Rivi taulukon ulkopuolella"),
    "number_as_text": N_("Luku tekstinä"),
    "pivot_cell": N_("Pivot-solu"),
    "pivot_empty": N_("Tyhjä pivot-solu"),
    "pivot_total": N_("Pivotin summa"),
    "programme_number": N_("Ohjelman numero"),
    "progress_range": N_("Edistymä välillä 0–100 %"),
    "ratio_pct": N_("Suhdeluku %"),
    "readiness_range": N_("Valmiusaste välillä 0–100 %"),
    "readiness_status": N_("Valmiusaste ja tilannekuva"),
    "result_identity": N_("Tilikauden tulos"),
    "rollup_count": N_("Koonnin lukumäärä"),
    "rollup_empty": N_("Tyhjä koonti"),
    "rollup_no_rows": N_("Koonnilla ei rivejä"),
    "rollup_sum": N_("Koonnin summa"),
    "row_total": N_("Rivin summa"),
    "subtotal_sum": N_("Välisumma"),
    "target_status": N_("Tavoitteen tila"),
    "target_sum": N_("Tavoitesumma"),
    "target_value": N_("Tavoitearvo"),
    "tot_vs_ta_pct": N_("TOT vs. TA %"),
    "traffic_light": N_("Liikennevalo"),
    "unknown_choice": N_("Sana ei kelpaa"),
    "unknown_line": N_("Tuntematon erä"),
    "unknown_method": N_("Tuntematon arviointitapa"),
    "unknown_row": N_("Tuntematon rivi"),
    "unknown_status": N_("Tuntematon tila"),
}


def rule_label(rule: str) -> str:
    """The label of ``rule`` (or of each of "a+b"), in the current language; an unknown
    code is shown as it is (a test keeps every rule the checks produce labelled).  A
    value stated where the rule has none is "<rule>_undefined"."""
    return " + ".join(_label(part) for part in rule.split("+"))


def _label(code: str) -> str:
    base = code.removesuffix(UNDEFINED)
    label = translate(RULE_LABELS[base]) if base in RULE_LABELS else base
    return tr("{rule} (ei laskettavissa)", rule=label) if code.endswith(UNDEFINED) else label


def is_percent(rule: str) -> bool:
    """Stated, computed and difference of this rule are per cents (fractions)."""
    return "pct" in rule or rule.startswith("readiness")
