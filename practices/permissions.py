"""Who may write, change and review practices, as ``rules`` predicates on the bylaws' offices.

- people of a member organisation write entries for their own city; the secretariat for any;
- a draft is changed (and submitted) by the people of the practice's organisations or the secretariat;
- a published entry is taken up ("interessiert uns", "übernommen") by people of other member organisations;
- a submitted entry is reviewed by the secretariat and by a working-group lead or board member, never by someone
  of the practice's (or its author's) organisation; the seats are filled by ``practices.services.review_record``.
The admin's model rights on the register are the secretariat's (the board reads)."""

import rules

from members.bylaws import has_member_access, is_board_or_secretariat, is_secretariat
from practices.models import Practice
from practices.policies import is_reviewer, visible_practices


def own_organisation_ids(practice) -> set[int]:
    ids = {organisation.pk for organisation in practice.organisations.all()}
    if practice.created_by_id and practice.created_by.organisation_id:
        ids.add(practice.created_by.organisation_id)
    return ids


@rules.predicate
def has_organisation(user):
    return getattr(user, "organisation_id", None) is not None


@rules.predicate
def is_draft(user, practice):
    return practice.state == Practice.State.DRAFT


@rules.predicate
def is_submitted(user, practice):
    return practice.state == Practice.State.SUBMITTED


@rules.predicate
def of_own_organisation(user, practice):
    return user.organisation_id is not None and user.organisation_id in {o.pk for o in practice.organisations.all()}


@rules.predicate
def from_author_side(user, practice):
    return user.organisation_id is not None and user.organisation_id in own_organisation_ids(practice)


@rules.predicate
def holds_review_office(user):
    return is_secretariat(user) or is_reviewer(user)


rules.add_perm("practices.write_practice", has_member_access & (has_organisation | is_secretariat))
rules.add_perm("practices.edit_practice", has_member_access & is_draft & (is_secretariat | of_own_organisation))


@rules.predicate
def is_published(user, practice):
    return practice.state == Practice.State.PUBLISHED


rules.add_perm(
    "practices.take_up_practice",
    has_member_access & has_organisation & is_published & visible_practices.predicate & ~from_author_side,
)
rules.add_perm("practices.review_practice", has_member_access & is_submitted & holds_review_office & ~from_author_side)

# The admin (Django's model rights).
for model in ("practice", "review", "uptake"):
    for action in ("add", "change", "delete"):
        rules.add_perm(f"practices.{action}_{model}", is_secretariat)
    rules.add_perm(f"practices.view_{model}", is_board_or_secretariat)
