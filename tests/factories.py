import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from members.models import Invitation, Mandate, Organisation, Role, User
from topics.models import Membership, WorkingGroup

PASSWORD = "correct-horse-battery"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Stadt Beispiel {n}")
    slug = factory.Sequence(lambda n: f"stadt-beispiel-{n}")
    kind = Organisation.Kind.CITY
    federal_state = "NW"
    status = Organisation.Status.ACTIVE
    joined_on = datetime.date(2015, 1, 1)
    efus_member = True
    shares_aims = True
    accepts_bylaws = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Erika"
    last_name = factory.Sequence(lambda n: f"Muster{n}")
    organisation = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    role = Role.BOARD_MEMBER
    person = factory.SubFactory(UserFactory)
    start = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
    end = None


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    name = factory.Sequence(lambda n: f"Arbeitsgruppe {n}")
    slug = factory.Sequence(lambda n: f"arbeitsgruppe-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(WorkingGroupFactory)
    person = factory.SubFactory(UserFactory)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
