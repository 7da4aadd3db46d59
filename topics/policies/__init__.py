"""Who sees what in the working groups: one module per question, each rule stated once
(``kernel.policy``) and offered as a list filter (``…_q``) and an object check (``…_visible``)."""
