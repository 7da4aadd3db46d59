"""Who sees which event and which date poll: one module per question, each rule stated once
(``kernel.policy``) and offered as a list filter (``…_q``) and an object check (``…_visible``)."""
