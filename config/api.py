"""The HTTP API: one NinjaAPI assembling each app's router under /api/v1/."""

from ninja import NinjaAPI

api = NinjaAPI(title="Perhekeskus API", version="1", urls_namespace="api-v1")
