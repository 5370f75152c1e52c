"""National Provider Identifier check (CMS NPI standard: 10 digits, Luhn check digit over "80840" + NPI).

The 80840 prefix is the health-industry issuer identifier the NPI is defined under; computing the Luhn check
over prefix + first nine digits gives the tenth digit.
"""

from __future__ import annotations

NPI_PREFIX = "80840"


def _luhn_check_digit(payload: str) -> int:
    total = 0
    # Double every second digit from the right of the payload (the check digit will sit to its right).
    for position, char in enumerate(reversed(payload)):
        digit = int(char)
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10


def is_valid_npi(value: str) -> bool:
    if len(value) != 10 or not value.isascii() or not value.isdigit():
        return False
    return _luhn_check_digit(NPI_PREFIX + value[:9]) == int(value[9])
