"""Run tests.members.connection_race's forced interleaving on PostgreSQL; print JSON."""

import json

from tests.members.connection_race import insert_lands_between_check_and_insert, setup


def main() -> None:
    vendor = setup()
    print("RESULT " + json.dumps({"vendor": vendor, **insert_lands_between_check_and_insert()}))


if __name__ == "__main__":
    main()
