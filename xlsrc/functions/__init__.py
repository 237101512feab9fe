"""Excel-facing functions: thin, plain wrappers over :mod:`xlsrc.core`.

Each function takes cell-shaped arguments (see :mod:`xlsrc.registry`) and
carries its Excel metadata through :func:`xlsrc.registry.excel_function`.
``MODULES`` lists the submodules the default registry scans.
"""

MODULES: tuple[str, ...] = ("numbers", "status", "budget", "programme")
