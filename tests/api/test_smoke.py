from tests.conftest import Api


def test_health(api: Api) -> None:
    assert api.http.get("/healthz").json() == {"status": "ok"}
    assert api.http.get("/readyz").json() == {"status": "ok"}


def test_create_and_list(api: Api) -> None:
    created = api.create()
    listed = api.http.get("/api/tickets/").json()
    assert [ticket["id"] for ticket in listed] == [created["id"]]
