"""``make lint``: prove models == migrations with ``alembic check`` on a scratch database.

Uses OVERSIGHT_TEST_DATABASE_URL's server when set, else an embedded one; the scratch database is dropped.
"""

from __future__ import annotations

import sys

from oversight_db.migrate import check
from tests.servers import in_thread, test_servers


def main() -> int:
    with test_servers() as servers:
        try:
            in_thread(check, servers.migration_url)
        except Exception as exc:
            print(f"alembic check failed: {exc}", file=sys.stderr)
            return 1
    print("alembic check: models and migrations agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
