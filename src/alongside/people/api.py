"""People over JSON: thin handlers that parse, authorise through selectors/services, and answer."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from alongside.core import access_log, permissions
from alongside.core.errors import NotFound
from alongside.core.models import AccessVia, Organisation
from alongside.core.pagination import BoundedPageNumberPagination
from alongside.people import selectors, services
from alongside.people.models import Person
from alongside.people.schemas import PersonCreate, PersonOut, PersonSummary, PersonUpdate

router = Router(tags=["people"])


class RecordAccessOut(Schema):
    at: datetime
    actor_name: str
    via: str
    view: str
    case_id: int | None


class PersonQuery(Schema):
    q: str = ""
    kind: str = ""
    organisation_id: int | None = None
    sex: str = ""
    welfare_status: str = ""
    disability_degree: str = ""
    language: str = ""


@router.get("/", response=list[PersonSummary], summary="People the caller may see")
@paginate(BoundedPageNumberPagination, page_size=50)
def person_list(request: HttpRequest, filters: Query[PersonQuery]):
    return selectors.person_list(
        actor=request.user,
        filters=selectors.PersonFilters(
            query=filters.q, kind=filters.kind, organisation_id=filters.organisation_id, sex=filters.sex,
            welfare_status=filters.welfare_status, disability_degree=filters.disability_degree,
            language=filters.language,
        ),
    )  # fmt: skip


@router.get("/{person_id}", response=PersonOut, summary="One person (the view is logged)")
def person_detail(request: HttpRequest, person_id: int):
    person = selectors.person_get(actor=request.user, person_id=person_id)
    services.person_open(actor=request.user, person=person)
    access_log.record_read(
        request.user, organisation=person.organisation_id, person=person, via=AccessVia.API, view="api:person_detail"
    )
    return _out(request, person)


@router.get(
    "/{person_id}/accesses", response=list[RecordAccessOut], summary="Who read this person's record (access log)"
)
@paginate(BoundedPageNumberPagination, page_size=50)
def person_accesses(request: HttpRequest, person_id: int):
    person = selectors.person_get(actor=request.user, person_id=person_id)
    return access_log.person_accesses(actor=request.user, person=person)


@router.get(
    "/{person_id}/export",
    summary="Everything held about this person, as a ZIP of JSON files (the person or their managers)",
    openapi_extra={"responses": {"200": {"description": "The export", "content": {"application/zip": {}}}}},
)
def person_export(request: HttpRequest, person_id: int):
    from django.http import HttpResponse
    from django.utils.http import content_disposition_header

    from alongside.people import export

    person = selectors.person_get(actor=request.user, person_id=person_id)
    found = export.person_export(actor=request.user, person=person)
    response = HttpResponse(found.content, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, found.filename)
    return response


@router.post("/", response={201: PersonOut}, summary="Add a person")
def person_create(request: HttpRequest, payload: PersonCreate):
    organisation = _organisation_for(request, payload.organisation_id)
    data = payload.dict(exclude={"organisation_id", "emergency_contacts"})
    contacts = [c.dict() for c in payload.emergency_contacts]
    person = services.person_create(
        actor=request.user, organisation=organisation, data=data, emergency_contacts=contacts
    )
    return Status(201, _out(request, person))


@router.patch("/{person_id}", response=PersonOut, summary="Change a person (optimistic locking by version)")
def person_update(request: HttpRequest, person_id: int, payload: PersonUpdate):
    person = selectors.person_get(actor=request.user, person_id=person_id)
    sent = payload.dict(exclude_unset=True)
    contacts = sent.pop("emergency_contacts", None)
    version, reason = sent.pop("version"), sent.pop("reason", "")
    person = services.person_update(
        actor=request.user, person=person, data=sent, expected_version=version, reason=reason,
        emergency_contacts=contacts,
    )  # fmt: skip
    return _out(request, person)


def _organisation_for(request: HttpRequest, organisation_id: int) -> Organisation:
    """Only an organisation the caller belongs to; any other is 'not found', not 'forbidden'."""
    try:
        return permissions.user_organisations(request.user).get(pk=organisation_id)
    except Organisation.DoesNotExist:
        raise NotFound from None


def _out(request: HttpRequest, person: Person) -> dict:
    shown_id = selectors.national_id_for(actor=request.user, person=person)
    return {
        **{field: getattr(person, field) for field in services.PERSON_FIELDS},
        "id": person.pk,
        "organisation_id": person.organisation_id,
        "version": person.version,
        "national_id": shown_id,
        "national_id_masked": bool(person.national_id) and shown_id != person.national_id,
        "emergency_contacts": list(person.emergency_contacts.values("name", "relationship", "phone")),
    }
