"""The one reader of Office Open XML packages: zip, content types, relationships, XML, strings.

Used by the engine (:mod:`xlsrc.engine.package`), the status-sheet transplant
(:mod:`xlsrc.status_sheet.package`) and the template writer
(:mod:`xlsrc.workbooks.package`), so every path that opens a user's file gets
the same checks: only regular files, no duplicate or encrypted zip entries, a
``[Content_Types].xml``, sizes within :class:`~xlsrc.limits.Limits`, and XML
parsed without entities, DTDs or network access.

* :mod:`.archive` - sniffing and opening the zip, reading parts in bounded chunks;
* :mod:`.xml` - the hardened parser, namespaces (Transitional and Strict);
* :mod:`.rels` - relationships, the main part, content types;
* :mod:`.strings` - shared strings and rich text as Excel reads them.
"""
