"""``xlsrc serve``: recalculation, validation and status sheets as an HTTP service.

The service is a thin adapter: every endpoint stores the uploaded workbooks
as a *job* under the data folder and runs the same library functions the CLI
runs (:func:`xlsrc.engine.recalc.recalc`, :func:`xlsrc.validation.validate_workbook`,
:func:`xlsrc.status_sheet.headless.generate_file`) in a pool of worker
processes, never in the event loop.  Modules, one job each:

* :mod:`.config` - the settings and limits (:class:`ServerConfig`);
* :mod:`.tokens` / :mod:`.auth` - hashed bearer tokens and the ``require_token`` dependency;
* :mod:`.pool` - the worker processes (per-task timeout, a dead worker is replaced);
* :mod:`.tasks` - what a worker runs: one library call per file;
* :mod:`.jobs` / :mod:`.runner` - persisted jobs, their limits and their lifecycle;
* :mod:`.uploads` / :mod:`.package_guard` - saving uploads and refusing what is not a workbook;
* :mod:`.middleware` - the upload size limit and the structured request log;
* :mod:`.app` - ``create_app(config)``, including every router in :data:`.routes.ROUTERS`.
"""
