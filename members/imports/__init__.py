"""Moving in: the association's member list from a spreadsheet (CSV or XLSX), and back out.

``reading`` turns a file into rows with the line numbers a spreadsheet shows, ``mapping``
turns a row's cells into checked values, ``service`` applies each row all or nothing
(offices through the same bylaws service as the admin), ``export`` writes the same columns out.
The management command ``import_members`` and the admin upload both call ``service.run``.
"""
