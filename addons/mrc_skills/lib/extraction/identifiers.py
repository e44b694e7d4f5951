"""The certificate number written after a number label (English or Spanish)."""

import re

NUMBER_WORDS = (
    r"certificate\s*(?:number|no\.?|n[ou]m\.?|#|id)",
    r"cert\.?\s*(?:no\.?|#|number)",
    r"licen[cs]e\s*(?:number|no\.?|#)",
    r"registration\s*(?:number|no\.?|#)",
    r"credential\s*(?:id|number|no\.?)",
    r"n(?:u|ú)mero\s*de\s*(?:certificado|registro|folio|constancia|licencia)",
    r"(?:no|n\.?\s*[oº°])\.?\s*de\s*(?:certificado|registro|folio|constancia)",
    r"folio(?:\s*(?:no\.?|n[uú]m\.?|number))?",
    r"registro",
    r"c[oó]digo\s*de\s*verificaci[oó]n",
)

_NUMBER_RE = re.compile(
    r"(?:" + "|".join(NUMBER_WORDS) + r")\s*[:#.\-]?\s*(?:no\.?\s*)?[:#]?\s*"
    r"([A-Za-z0-9][A-Za-z0-9\-/.]{2,30}[A-Za-z0-9])",
    re.IGNORECASE,
)


def find_number(lines: list[str]) -> str | None:
    """Return the certificate number written after a number label (English or Spanish).

    The value must contain at least one digit, so that a label followed by a word is ignored.
    """
    for line in lines:
        for match in _NUMBER_RE.finditer(line):
            value = match.group(1).strip(".-/")
            if any(char.isdigit() for char in value):
                return value
    return None
