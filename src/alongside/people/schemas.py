"""API shapes of people. Codes are validated by the service, so every bad field is named at once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field


class EmergencyContactIn(Schema):
    name: str = Field(max_length=100)
    relationship: str
    phone: str = Field(max_length=30)


class EmergencyContactOut(EmergencyContactIn):
    pass


class PersonFields(Schema):
    name_phonetic: str = Field("", max_length=100)
    national_id: str = Field("", max_length=20)
    birth_date: dt.date | None = None
    phone_home: str = Field("", max_length=30)
    phone_mobile: str = Field("", max_length=30)
    residence_address: str = Field("", max_length=255)
    household_address: str = Field("", max_length=255)
    welfare_status: str = ""
    disability_category: str = "none"
    disability_degree: str = "none"
    indigenous: bool = False
    indigenous_people: str = Field("", max_length=50)
    living_arrangement: str = ""
    languages: list[str] = []
    education: str = ""
    religion: str = ""
    diet: list[str] = []
    diet_notes: str = Field("", max_length=255)
    body_build: str = ""
    main_diagnoses: str = ""
    tubes: list[str] = []
    aids: list[str] = []
    notes: str = ""
    latitude: Decimal | None = Field(None, ge=-90, le=90, description="degrees WGS84, for travel times")
    longitude: Decimal | None = Field(None, ge=-180, le=180, description="degrees WGS84, for travel times")


class PersonCreate(PersonFields):
    organisation_id: int
    kind: str
    name: str = Field(max_length=100)
    sex: str
    emergency_contacts: list[EmergencyContactIn] = []


class PersonUpdate(Schema):
    """Only the fields sent are changed. `version` is the one the client last read."""

    version: int
    reason: str = ""
    kind: str | None = None
    name: str | None = Field(None, max_length=100)
    sex: str | None = None
    name_phonetic: str | None = Field(None, max_length=100)
    national_id: str | None = Field(None, max_length=20)
    birth_date: dt.date | None = None
    phone_home: str | None = Field(None, max_length=30)
    phone_mobile: str | None = Field(None, max_length=30)
    residence_address: str | None = Field(None, max_length=255)
    household_address: str | None = Field(None, max_length=255)
    welfare_status: str | None = None
    disability_category: str | None = None
    disability_degree: str | None = None
    indigenous: bool | None = None
    indigenous_people: str | None = Field(None, max_length=50)
    living_arrangement: str | None = None
    languages: list[str] | None = None
    education: str | None = None
    religion: str | None = None
    diet: list[str] | None = None
    diet_notes: str | None = Field(None, max_length=255)
    body_build: str | None = None
    main_diagnoses: str | None = None
    tubes: list[str] | None = None
    aids: list[str] | None = None
    notes: str | None = None
    latitude: Decimal | None = Field(None, ge=-90, le=90)
    longitude: Decimal | None = Field(None, ge=-180, le=180)
    emergency_contacts: list[EmergencyContactIn] | None = None


class PersonSummary(Schema):
    id: int
    organisation_id: int
    kind: str
    name: str
    sex: str
    birth_date: dt.date | None
    phone_mobile: str
    disability_degree: str
    welfare_status: str


class PersonOut(PersonFields):
    id: int
    organisation_id: int
    kind: str
    name: str
    sex: str
    version: int
    national_id_masked: bool
    emergency_contacts: list[EmergencyContactOut]
