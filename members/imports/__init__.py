"""Moving in: the association's member list from a spreadsheet (CSV or XLSX), and back out.

``reading`` turns a file into rows with the line numbers a spreadsheet shows, ``mapping``
turns a row's cells into checked values, ``service`` applies each row all or nothing
(offices through the same bylaws service as the admin), ``runs`` keeps each import as a run and
checks and applies the admin's uploads in the background, ``export`` writes the same columns out.
The management command ``import_members`` and the admin's tasks all call ``service.run``.
"""
