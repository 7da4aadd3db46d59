"""Settings for the DEFUS portal, read from the environment.

With nothing set the portal runs as a local demo: SQLite, tasks in-process,
emails written to files. With DEBUG=false the production variables are
required and a missing or malformed value stops the start (see kernel/env.py).

In four parts: base (the site, applications, data, accounts, languages, files), mail (email and
the task queue), security (headers, cookies, legal details, logging) and invoices (bank details and tax status
for the membership fee invoices).
"""

from defus.settings.base import *  # noqa: F403
from defus.settings.invoices import *  # noqa: F403
from defus.settings.mail import *  # noqa: F403
from defus.settings.security import *  # noqa: F403
