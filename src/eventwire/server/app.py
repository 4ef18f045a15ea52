"""The HTTP API and the analyst's dashboard over a store.

``create_app(store_target)`` builds the FastAPI application; ``serve(db)`` runs it
with uvicorn on 127.0.0.1. Every route is a thin call to one
:class:`eventwire.store.Store` method; the JSON it returns is the contract's
Event JSON (``../shared/docs/output-schema.md``) plus the document fields.

Routes (all JSON unless said; the OpenAPI description is at ``/openapi.json``)::

    GET  /api/events               filtered, sorted, paginated events
    GET  /api/events.geojson       the same filters, as a GeoJSON FeatureCollection
    GET  /api/events.csv           the same filters, as CSV
    GET  /api/events/{event_id}    one event, its article text and highlighted evidence
    GET  /api/documents            stored documents (paginated)
    GET  /api/documents/{doc_id}   one document record (text, events, places, times)
    GET  /api/places               places with event counts
    GET  /api/timeline             event counts per day/week/month (same filters)
    GET  /api/dyads                pairs of actors/countries and their interactions
    GET  /api/dyads/interactions   actor pairs' interactions over time, intensity, escalation episodes
    GET  /api/stats                totals and the values filters can take
    GET  /api/outlines             country outlines (GeoJSON) for the map
    GET  /docs                     Swagger UI over /openapi.json (served locally from npm's swagger-ui-dist)
    POST /api/ingest               articles in, pipeline run, records stored (needs the API key)
    GET  /                         the dashboard (static files, no network needed)

A malformed, oversized (> 10 MB) or unauthorised request gets a 4xx with a
one-line ``detail`` and leaves the store unchanged.
"""

from __future__ import annotations

import hmac
import io
import json
import logging
import threading
from contextlib import asynccontextmanager
from datetime import date as Date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles

from eventwire import __version__
from eventwire.errors import EventwireError
from eventwire.server import outlines
from eventwire.server.evidence import FIELDS, highlights
from eventwire.server.formats import to_csv, to_geojson

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
MAX_BODY_BYTES = 10 * 1024 * 1024  # ingest requests larger than this get 413
MAX_PAGE = 1000  # events per page of /api/events
MAX_EXPORT = 200_000  # events per GeoJSON/CSV download
LINGER = 1.0  # seconds the store's connection stays open after the last request (see _open)
SORTS = ("-date", "date", "-fatalities", "fatalities", "-confidence", "confidence")
BBOX_HELP = "Bounding box 'west,south,east,north' in degrees, e.g. 60,24,66,30."


class _StoreGate:
    """One store shared by all requests (the Store serialises its own connection use)."""

    def __init__(self, store: Any):
        self.store = store

    def __call__(self, method: str, *args, **kwargs):
        return getattr(self.store, method)(*args, **kwargs)


def _open(store_target: Any, writable: bool):
    if hasattr(store_target, "query_events"):
        return store_target, False
    from eventwire.store import open_store

    target = str(store_target)
    read_only = not writable and "://" not in target and Path(target).exists()
    # hold=False: the connection is opened for requests and closed once none came for LINGER
    # seconds, so `eventwire ingest` (another process) can write to the same DuckDB file while
    # the server runs; a burst of requests (the dashboard's) shares one connection and its cache.
    return open_store(target, read_only=read_only, hold=False, linger=LINGER), True


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None or value == "":
        return None
    try:
        parts = tuple(float(part) for part in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4:
        raise HTTPException(422, f"bbox must be four numbers 'west,south,east,north', got {value!r}")
    west, south, east, north = parts
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise HTTPException(422, f"bbox out of range (west/east in [-180, 180], south <= north in [-90, 90]): {value!r}")
    return parts


def _iso3(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    value = value.strip().upper()
    if len(value) != 3 or not value.isalpha():
        raise HTTPException(422, f"{name} must be an ISO 3166-1 alpha-3 code such as IRN, got {value!r}")
    return value


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


class Filters:
    """The filters every event route shares (a FastAPI dependency)."""

    def __init__(
        self,
        since: Annotated[Date | None, Query(description="First event date, YYYY-MM-DD.")] = None,
        until: Annotated[Date | None, Query(description="Last event date, YYYY-MM-DD.")] = None,
        country: Annotated[str | None, Query(description="ISO3 country of the event's location.", max_length=3)] = None,
        actor_country: Annotated[str | None, Query(description="ISO3 country of either actor.", max_length=3)] = None,
        admin1: Annotated[str | None, Query(description="First-order administrative unit.", max_length=200)] = None,
        type: Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT.", max_length=20)] = None,
        acled_event_type: Annotated[str | None, Query(description="ACLED event type, e.g. Battles.", max_length=100)] = None,
        acled_sub_event_type: Annotated[str | None, Query(description="ACLED sub-event type.", max_length=100)] = None,
        actor: Annotated[str | None, Query(description="Text found in either actor's name or words.", max_length=200)] = None,
        actor1_country: Annotated[str | None, Query(description="Dyad: ISO3 of one side (with actor2_country).", max_length=3)] = None,
        actor2_country: Annotated[str | None, Query(description="Dyad: ISO3 of the other side (either direction).", max_length=3)] = None,
        bbox: Annotated[str | None, Query(description=BBOX_HELP, max_length=100)] = None,
        q: Annotated[str | None, Query(description="Free text found in the evidence or the document title.", max_length=500)] = None,
        document_id: Annotated[str | None, Query(description="Events of one document.", max_length=300)] = None,
    ):
        if since and until and since > until:
            raise HTTPException(422, f"since ({since}) is after until ({until})")
        if type is not None and type.strip():
            from eventwire.records import PLOVER_TYPES

            type = type.strip().upper()
            if type not in PLOVER_TYPES:
                raise HTTPException(422, f"type must be one of the PLOVER types {', '.join(PLOVER_TYPES)}; got {type!r}")
        self.values = dict(
            since=since.isoformat() if since else None,
            until=until.isoformat() if until else None,
            country=_iso3(country, "country"),
            actor_country=_iso3(actor_country, "actor_country"),
            admin1=_text(admin1),
            type=_text(type),
            acled_event_type=_text(acled_event_type),
            acled_sub_event_type=_text(acled_sub_event_type),
            actor=_text(actor),
            bbox=_bbox(bbox),
            text=_text(q),
            document_id=_text(document_id),
        )
        first, second = _iso3(actor1_country, "actor1_country"), _iso3(actor2_country, "actor2_country")
        # a pair is the store's dyad filter (either direction); one side alone is an actor_country filter
        self.dyad = (first, second) if first else (second, None)

    def query(self, limit: int = 100, offset: int = 0, sort: str = "-date"):
        from eventwire.store import EventQuery

        values = dict(self.values)
        if self.dyad[1]:
            values["dyad"] = self.dyad
        elif self.dyad[0] and not values["actor_country"]:
            values["actor_country"] = self.dyad[0]
        return EventQuery(**values, limit=limit, offset=offset, sort=sort)


def _json(body: Any) -> Response:
    """JSON straight from ``json.dumps``: FastAPI's encoder walks every nested value of a page of
    events first, which costs more than the query (about 50 ms per 100 events)."""
    return Response(json.dumps(body, ensure_ascii=False, separators=(",", ":")), media_type="application/json")


def create_app(store_target: Any, api_key: str | None = None, settings: Any = None) -> FastAPI:
    """The application over ``store_target``: a store path/URL (opened here) or an open Store.

    ``api_key`` enables ``POST /api/ingest`` (requests must send it as ``X-API-Key``
    or ``Authorization: Bearer``); without one, ingest answers 403 and a store
    file that exists is opened read-only.
    """
    store, owned = _open(store_target, writable=api_key is not None)
    gate = _StoreGate(store)
    models_lock = threading.Lock()
    models_box: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        if owned and hasattr(store, "close"):
            store.close()

    app = FastAPI(
        title="eventwire",
        version=__version__,
        description="Conflict and political events extracted from news articles; every field tied to its evidence.",
        docs_url=None,  # FastAPI's /docs loads Swagger UI from a CDN: ours serves the npm copy (below)
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.add_middleware(GZipMiddleware, minimum_size=2048)

    @app.exception_handler(EventwireError)
    async def _eventwire_error(request: Request, exc: EventwireError):
        return JSONResponse({"detail": str(exc), "code": exc.code}, status_code=400)

    # ------------------------------------------------------------------ events

    def _events_page(filters: Filters, limit: int, offset: int, sort: str) -> tuple[list[dict], int]:
        return gate("query_events", filters.query(limit, offset, sort))

    @app.get("/api/events", tags=["events"], summary="Events matching filters (paginated, sorted)")
    def list_events(
        filters: Annotated[Filters, Depends()],
        limit: Annotated[int, Query(ge=0, le=MAX_PAGE)] = 100,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        sort: Annotated[Literal[SORTS], Query(description="Field to sort by; '-' for descending.")] = "-date",
    ) -> dict:
        rows, total = _events_page(filters, limit, offset, sort)
        return _json({"total": total, "limit": limit, "offset": offset, "sort": sort, "events": rows})

    @app.get("/api/events.geojson", tags=["downloads"], summary="Events matching filters as GeoJSON points")
    def events_geojson(
        filters: Annotated[Filters, Depends()],
        limit: Annotated[int, Query(ge=1, le=MAX_EXPORT)] = 10_000,
        sort: Annotated[Literal[SORTS], Query()] = "-date",
    ) -> Response:
        rows, _ = _events_page(filters, limit, 0, sort)
        return Response(json.dumps(to_geojson(rows), ensure_ascii=False), media_type="application/geo+json",
                        headers={"Content-Disposition": 'inline; filename="events.geojson"'})

    @app.get("/api/events.csv", tags=["downloads"], summary="Events matching filters as CSV (one row per event)",
             response_class=PlainTextResponse)
    def events_csv(
        filters: Annotated[Filters, Depends()],
        limit: Annotated[int, Query(ge=1, le=MAX_EXPORT)] = 10_000,
        sort: Annotated[Literal[SORTS], Query()] = "-date",
    ) -> Response:
        rows, _ = _events_page(filters, limit, 0, sort)
        return Response(to_csv(rows), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="events.csv"'})

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event with its article and highlighted evidence")
    def get_event(event_id: str) -> dict:
        event = gate("get_event", event_id)
        if not event:
            raise HTTPException(404, f"no event {event_id!r}")
        document = gate("get_document", event["document_id"]) if event.get("document_id") else None
        text = (document or {}).get("text")
        doc = None
        if document:
            doc = {key: document.get(key) for key in ("id", "title", "date", "url", "language")}
            doc["text"] = text
            doc["events"] = [  # the article's other events, to move between them
                {"event_id": other.get("event_id"), "type": other.get("type"),
                 "acled_sub_event_type": other.get("acled_sub_event_type"),
                 "trigger": (other.get("evidence") or {}).get("trigger"),
                 "start": (other.get("evidence") or {}).get("start")}
                for other in document.get("events") or []]
        return {"event": event, "document": doc, "highlights": highlights(event, text),
                "fields": [{"field": name, "label": label} for name, label in FIELDS]}

    # ------------------------------------------------------------------ documents, places, aggregates

    @app.get("/api/documents", tags=["documents"], summary="Stored documents (paginated)")
    def list_documents(
        limit: Annotated[int, Query(ge=0, le=MAX_PAGE)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict:
        result = gate("list_documents", limit=limit, offset=offset)
        if isinstance(result, tuple):
            rows, total = result
        else:
            rows, total = result, None
        return {"total": total, "limit": limit, "offset": offset, "documents": rows}

    @app.get("/api/documents/{doc_id}", tags=["documents"], summary="One document record: text, events, places, times")
    def get_document(doc_id: str) -> dict:
        document = gate("get_document", doc_id)
        if not document:
            raise HTTPException(404, f"no document {doc_id!r}")
        return document

    @app.get("/api/places", tags=["aggregates"], summary="Places with event counts (same filters)")
    def list_places(filters: Annotated[Filters, Depends()],
                    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000) -> dict:
        return {"places": gate("list_places", filters.query(limit=limit))[:limit]}

    @app.get("/api/timeline", tags=["aggregates"], summary="Event counts over time (same filters)")
    def timeline(filters: Annotated[Filters, Depends()],
                 interval: Annotated[Literal["day", "week", "month", "year"], Query()] = "day") -> dict:
        return _json({"interval": interval, "buckets": gate("timeline", filters.query(limit=MAX_EXPORT), interval)})

    @app.get("/api/dyads", tags=["aggregates"], summary="Pairs of actors' countries and their interactions")
    def dyads(filters: Annotated[Filters, Depends()],
              limit: Annotated[int, Query(ge=1, le=10_000)] = 200) -> dict:
        # Both aggregated in SQL, limited there: a store's actor pairs can number in the hundred thousands.
        query = filters.query(limit=limit)
        actor_pairs = gate("dyads", query, limit=limit)
        pairs = gate("country_pairs", query, limit=limit)
        by_pair = {tuple(pair["countries"]): pair for pair in pairs}
        for pair in pairs:
            pair["actors"] = []  # the pair's actor dyads among the `limit` with most events
        for dyad in actor_pairs:
            countries = (dyad["actor1"]["country"], (dyad["actor2"] or {}).get("country"))
            if None not in countries and tuple(sorted(countries)) in by_pair:
                by_pair[tuple(sorted(countries))]["actors"].append(
                    {"actor1": dyad["actor1"], "actor2": dyad["actor2"], "events": dyad["events"]})
        return _json({"pairs": pairs, "dyads": actor_pairs})

    @app.get("/api/dyads/interactions", tags=["aggregates"],
             summary="Actor pairs' directed interactions, intensity and escalation episodes (eventwire dyads)")
    def dyad_interactions(
            actors: Annotated[str | None, Query(description="Actor keys, comma-separated: IRN,PAK")] = None,
            since: Annotated[str | None, Query(description="First day, YYYY-MM-DD")] = None,
            until: Annotated[str | None, Query(description="Last day, YYYY-MM-DD")] = None,
            window: Annotated[int, Query(ge=0, le=365)] = 7,
            limit: Annotated[int, Query(ge=1, le=10_000)] = 50) -> dict:
        from eventwire import dyads as dyad_stage

        wanted = [a.strip() for a in (actors or "").split(",") if a.strip()]
        with store.session():  # one merge/read at a time, on one connection (opened for it: hold=False)
            events, merged = dyad_stage.events_for_service(store, actors=wanted, since=since, until=until)
        pairs = dyad_stage.dyads(events, actors=wanted, since=since, until=until,
                                 settings=dyad_stage.DyadSettings(window=window))
        return {"merged": merged, "pairs": pairs[:limit]}

    @app.get("/api/stats", tags=["aggregates"], summary="Totals and the values filters can take")
    def stats() -> dict:
        return gate("stats")

    @app.get("/api/outlines", tags=["map"], summary="Country outlines (GeoJSON) from the package installed at set-up")
    def country_outlines() -> Response:
        body = outlines.geojson_bytes()
        return Response(body, media_type="application/geo+json", headers={"Cache-Control": "max-age=86400"})

    # ------------------------------------------------------------------ ingest

    def _authorise(x_api_key: str | None, authorization: str | None) -> None:
        if api_key is None:
            raise HTTPException(403, "ingest is disabled: start the server with --api-key (or EVENTWIRE_API_KEY)")
        sent = x_api_key
        if sent is None and authorization and authorization.lower().startswith("bearer "):
            sent = authorization[7:].strip()
        if not sent:
            raise HTTPException(401, "missing API key: send it as the X-API-Key header",
                                headers={"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(sent.encode(), api_key.encode()):
            raise HTTPException(401, "wrong API key", headers={"WWW-Authenticate": "Bearer"})

    def _models():
        with models_lock:
            if "models" not in models_box:
                from eventwire import api

                models_box["models"] = api.load_models(_settings())
            return models_box["models"]

    def _settings():
        if settings is not None:
            return settings
        from eventwire.settings import DEFAULT_SETTINGS

        return DEFAULT_SETTINGS

    def _run_ingest(documents) -> dict:
        from eventwire import api

        try:
            models = _models()
        except EventwireError as exc:  # models not installed: the server's problem, not the request's
            raise HTTPException(503, f"ingest unavailable: {exc}") from None
        records = list(api.extract_many(documents, settings=_settings(), models=models))
        written = gate("write", records)
        return {
            "documents": written if isinstance(written, int) else len(records),
            "events": sum(len(record.events) for record in records),
            "ids": [record.id for record in records],
            "errors": {record.id: record.errors for record in records if record.errors},
        }

    @app.post(
        "/api/ingest", tags=["ingest"], status_code=201,
        summary="Extract articles and store them (needs the API key)",
        description=(
            "Body: JSON `{\"documents\": [{\"id\", \"text\", \"date\", \"title\", \"url\"}, ...]}` (or a list, or one "
            "object), JSON Lines, or one plain-text article (an optional leading ` date YYYY-MM-DD ` header). "
            f"At most {MAX_BODY_BYTES // (1024 * 1024)} MB. Re-ingesting a document replaces it. A request with any "
            "bad document is refused whole (422) and nothing is stored."
        ),
        responses={401: {"description": "missing or wrong API key"}, 403: {"description": "ingest disabled"},
                   413: {"description": "body over 10 MB"}, 422: {"description": "malformed documents"},
                   503: {"description": "the pipeline's models are not installed"}},
    )
    async def ingest(
        request: Request,
        x_api_key: Annotated[str | None, Header()] = None,
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict:
        _authorise(x_api_key, authorization)
        declared = request.headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                raise HTTPException(400, "bad Content-Length header")
            if int(declared) > MAX_BODY_BYTES:
                raise HTTPException(413, f"request body of {int(declared):,} bytes is over the {MAX_BODY_BYTES:,}-byte limit")
        body = bytearray()
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > MAX_BODY_BYTES:
                raise HTTPException(413, f"request body is over the {MAX_BODY_BYTES:,}-byte limit")
        documents = _parse_ingest(bytes(body), request.headers.get("content-type", ""), _settings().max_chars)
        return await run_in_threadpool(_run_ingest, documents)

    # ------------------------------------------------------------------ dashboard

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        if outlines.find_installed("swagger-ui-dist", "swagger-ui-bundle.js") is None:
            return HTMLResponse('<!doctype html><title>eventwire API</title><p>Swagger UI is not installed '
                                '(<code>make install</code> runs <code>npm ci</code>); the API description is at '
                                '<a href="/openapi.json">/openapi.json</a>.</p>')
        return get_swagger_ui_html(openapi_url="/openapi.json", title="eventwire API",
                                   swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/favicon.ico")

    @app.get("/vendor/swagger-ui/{name}", include_in_schema=False)
    def swagger_file(name: Literal["swagger-ui-bundle.js", "swagger-ui.css"]) -> FileResponse:
        path = outlines.find_installed("swagger-ui-dist", name)
        if path is None:
            raise HTTPException(404, f"{name} is not installed (make install)")
        return FileResponse(path, headers={"Cache-Control": "max-age=86400"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def _parse_ingest(body: bytes, content_type: str, max_chars: int) -> list:
    """Documents of an ingest request, or a 4xx naming what is wrong (nothing is stored then)."""
    from eventwire.documents import document_from_json, read_stream

    if not body.strip():
        raise HTTPException(422, "empty request body: send {\"documents\": [{\"text\": ...}]}, JSON Lines or an article")
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            payload = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise HTTPException(400, f"body is not valid JSON: {exc}") from None
        if isinstance(payload, dict) and "documents" in payload:
            payload = payload["documents"]
        items = payload if isinstance(payload, list) else [payload]
        if not items:
            raise HTTPException(422, "no documents in the request")
        documents = [document_from_json(item, f"documents[{i}]", max_chars) for i, item in enumerate(items)]
    else:
        documents = list(read_stream(io.BytesIO(body), "body", max_chars))
    problems = [f"{doc.source or doc.id}: {'; '.join(doc.errors)}" for doc in documents if doc.errors]
    if problems:
        raise HTTPException(422, "refused, nothing stored: " + " | ".join(problems[:20]))
    if not documents:
        raise HTTPException(422, "no documents in the request")
    return documents


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, api_key: str | None = None) -> None:
    """Run the API and dashboard with uvicorn (blocking) on ``host:port``."""
    import uvicorn

    target = str(db)
    if api_key is None and "://" not in target and target != ":memory:" and not Path(target).exists():
        raise EventwireError("E040", f"no store at {target}: fill one with `eventwire ingest ARTICLES --db {target}` "
                                     "(or start with --api-key and POST articles to /api/ingest)")
    app = create_app(db, api_key=api_key)
    uvicorn.run(app, host=host, port=port, log_level="info")
