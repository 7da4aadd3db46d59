"""Who handles what the public sent, as `rules` on the bylaws: the secretariat keeps the desk (requests to join,
feedback on accessibility, the public member entries); the board decides on admission."""

import rules

from members.bylaws import is_board, is_board_or_secretariat, is_secretariat

for model in ("membershipapplication", "accessibilityfeedback", "memberpage"):
    rules.add_perm(f"public.view_{model}", is_board_or_secretariat)
for action in ("add", "change", "delete"):
    rules.add_perm(f"public.{action}_memberpage", is_secretariat)
rules.add_perm("public.change_accessibilityfeedback", is_secretariat)
rules.add_perm("public.decide_membershipapplication", is_board)
