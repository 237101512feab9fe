"""Where everything is in the template workbooks: the layouts as plain data.

One module per workbook family plus the shared data classes
(:mod:`.model`) and the rules sheet (:mod:`.rules`).  Validation, the status
sheet, the template builder, consolidation and the tests all read these
instead of guessing from header texts or positions.  No openpyxl, no I/O.
"""

from __future__ import annotations

from xlsrc.workbooks.layouts.budget_forecast import BUDGET_FORECAST
from xlsrc.workbooks.layouts.consolidation import CONSOLIDATION
from xlsrc.workbooks.layouts.goal_tracking import GOAL_TRACKING
from xlsrc.workbooks.layouts.model import (
    AMOUNT,
    COUNT,
    DATE,
    MARKER_NAME,
    NUMERIC_KINDS,
    PERCENT,
    PERCENT_1,
    TEMPLATE_VERSION,
    CheckRow,
    Column,
    Kind,
    Role,
    RowKind,
    Setting,
    StatementRow,
    TableLayout,
    Totals,
    WorkbookLayout,
    column_letter,
    strict_sum,
    strict_sum_of,
)
from xlsrc.workbooks.layouts.programmes import PROGRAMMES
from xlsrc.workbooks.layouts.result_budget import RESULT_BUDGET
from xlsrc.workbooks.layouts.rules import (
    LANGUAGE_SETTING,
    METHOD_HEADERS,
    METHOD_HELP,
    METHODS_TABLE,
    RULES_BLOCKS,
    RULES_SHEET,
    SCHEMES,
    SETTINGS_HEADERS,
    SETTINGS_TABLE,
    SPARE_RULE_ROWS,
    VOCABULARIES,
    VOCABULARY_HEADERS,
    RulesBlock,
    band_order,
    header_text,
    header_texts,
    is_language_setting,
    language_setting,
    other_languages,
    rules_block,
    scheme_table_name,
    vocabulary_table_name,
)
from xlsrc.workbooks.layouts.strategic_targets import STRATEGIC_TARGETS

WORKBOOKS: tuple[WorkbookLayout, ...] = (
    STRATEGIC_TARGETS,
    PROGRAMMES,
    RESULT_BUDGET,
    BUDGET_FORECAST,
    GOAL_TRACKING,
)

#: Every layout a workbook may carry in its marker: the templates, and the workbooks xlsrc
#: writes from others (``xlsrc collect``'s yhteenveto).  Not in :data:`WORKBOOKS`: that is
#: the templates, which ``build-templates``, ``demo`` and ``upgrade`` build from seed data.
LAYOUTS: tuple[WorkbookLayout, ...] = (*WORKBOOKS, CONSOLIDATION)


def workbook(key: str) -> WorkbookLayout:
    """A workbook layout by key ("goal_tracking"), file name or file stem ("tavoiteseuranta")."""
    for layout in WORKBOOKS:
        if key in (layout.key, layout.file_name, layout.file_name.removesuffix(".xlsx")):
            return layout
    raise KeyError(f"no workbook layout {key!r}; known: {', '.join(w.key for w in WORKBOOKS)}")


__all__ = [
    "AMOUNT",
    "CONSOLIDATION",
    "LAYOUTS",
    "COUNT",
    "DATE",
    "MARKER_NAME",
    "METHODS_TABLE",
    "METHOD_HEADERS",
    "METHOD_HELP",
    "NUMERIC_KINDS",
    "PERCENT",
    "PERCENT_1",
    "RULES_BLOCKS",
    "RULES_SHEET",
    "SCHEMES",
    "SETTINGS_HEADERS",
    "SETTINGS_TABLE",
    "SPARE_RULE_ROWS",
    "TEMPLATE_VERSION",
    "VOCABULARIES",
    "VOCABULARY_HEADERS",
    "WORKBOOKS",
    "CheckRow",
    "Column",
    "Kind",
    "Role",
    "RowKind",
    "RulesBlock",
    "Setting",
    "StatementRow",
    "TableLayout",
    "Totals",
    "WorkbookLayout",
    "band_order",
    "column_letter",
    "header_text",
    "header_texts",
    "other_languages",
    "LANGUAGE_SETTING",
    "is_language_setting",
    "language_setting",
    "rules_block",
    "scheme_table_name",
    "strict_sum",
    "strict_sum_of",
    "vocabulary_table_name",
    "workbook",
]
