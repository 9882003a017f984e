"""Every module that registers rules questions. Importing this module loads them all (see registry.py).

One import per module keeps the set of questions explicit and greppable.
"""

# ruff: noqa: F401, I001  (grouped by country, not alphabetically)

# --- Taiwan -----------------------------------------------------------------------------------------
from alongside.rules.tw import (
    caregiver_paid,
    claim_fees,
    disability_homecare,
    eligibility,
    homecare,
    ltc2,
    ltc10,
    personal_assistant,
    supervision,
)

# --- Japan (Sapporo PA) and assessment instruments: R2 adds its imports here -------------------------
from alongside.rules.instruments import questions as instrument_questions
from alongside.rules.jp import questions as sapporo_pa_questions
