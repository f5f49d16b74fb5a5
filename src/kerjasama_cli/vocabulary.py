"""The fixed vocabularies of the schema, as plain enums (no pydantic: cheap to import)."""

from __future__ import annotations

from enum import StrEnum


class PartnerType(StrEnum):
    CITY = "city"
    PROVINCE = "province"
    STATE = "state"
    COUNTRY = "country"
    REGIONAL_GOVERNMENT = "regional-government"
    NATIONAL_AGENCY = "national-agency"
    INTERNATIONAL_ORGANISATION = "international-organisation"
    NETWORK = "network"
    UNIVERSITY = "university"
    SCHOOL = "school"
    COMPANY = "company"
    NGO = "ngo"


class Kind(StrEnum):
    SISTER_CITY = "sister-city"
    COOPERATION = "cooperation"
    PROJECT = "project"
    PROGRAMME = "programme"
    GRANT = "grant"
    EXCHANGE = "exchange"
    MEMBERSHIP = "membership"


class Instrument(StrEnum):
    LETTER_OF_INTENT = "letter-of-intent"
    MOU = "mou"
    AGREEMENT = "agreement"
    JOINT_DECLARATION = "joint-declaration"
    CONTRACT = "contract"


class Status(StrEnum):
    ACTIVE = "active"
    PLANNED = "planned"
    ENDED = "ended"
    UNKNOWN = "unknown"


class Scope(StrEnum):
    DOMESTIC = "domestic"
    INTERNATIONAL = "international"


#: Partner types that may have no country: they belong to no one country.
STATELESS_PARTNER_TYPES = frozenset({PartnerType.INTERNATIONAL_ORGANISATION, PartnerType.NETWORK})
