"""People for the meetings tests: households and persons written straight through the unit
of work (the residents' services are their own subject)."""

from __future__ import annotations

import datetime as dt

from cunwu import clock
from cunwu.domain.households import Household
from cunwu.domain.idnumbers import make
from cunwu.domain.residents import Person


def people(store, actor, n: int, *, party: int = 0, per_household: int = 2,
           born: dt.date = dt.date(1970, 1, 1)) -> list[Person]:
    """n adults in households of `per_household`; the first `party` are 党员."""
    from sqlmodel import func, select

    out = []
    with store.write(actor, "test.people") as uow:
        household = None
        first = uow.session.exec(select(func.count()).select_from(Person)).one()
        first += -first % per_household
        for i in range(first, first + n):
            if i % per_household == 0:
                household = uow.add(Household(number=f"H{i // per_household + 1:04d}",
                                              created_at=clock.now_utc()))
            p = Person(name=f"村民{chr(0x4e00 + i)}", id_number=make("330106", born, 10 + i),
                       birth_date=born, sex="男", household_uuid=household.uuid,
                       party_member=i - first < party, created_at=clock.now_utc())
            out.append(uow.add(p))
    return out
