"""Who sees what in the working groups: one module per question, each rule stated once
(``kernel.policy``) with its permission name: ``rule.q(user)`` for lists, ``rule.check(user, obj)`` or
``user.has_perm(name, obj)`` for one object."""
