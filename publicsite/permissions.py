"""Who handles what the public sent, as `rules` on the bylaws: the secretariat keeps the desk (requests to join,
feedback on accessibility, the public member entries); the board decides on admission."""

import rules

from members import bylaws


@rules.predicate
def is_secretariat(user):
    return bylaws.is_secretariat(user)


@rules.predicate
def is_board(user):
    return bylaws.is_board(user)


for model in ("membershipapplication", "accessibilityfeedback", "memberpage"):
    rules.add_perm(f"public.view_{model}", is_secretariat | is_board)
for action in ("add", "change", "delete"):
    rules.add_perm(f"public.{action}_memberpage", is_secretariat)
rules.add_perm("public.change_accessibilityfeedback", is_secretariat)
rules.add_perm("public.decide_membershipapplication", is_board)
