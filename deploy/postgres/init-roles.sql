-- Runs once, when the Postgres container initialises an empty data directory (docker-entrypoint-initdb.d),
-- as the container's superuser. The same statements an administrator runs on a managed Postgres
-- (README, "Database roles"): an owner for migrations, an application role for the API and the workers.
-- Passwords come from the container's environment (compose.yaml passes them from deploy/.env).
\set ON_ERROR_STOP on
\getenv owner_password OVERSIGHT_OWNER_PASSWORD
\getenv app_password OVERSIGHT_APP_PASSWORD

CREATE ROLE oversight_owner LOGIN PASSWORD :'owner_password';  -- no SUPERUSER, CREATEDB, CREATEROLE
CREATE ROLE oversight_app LOGIN PASSWORD :'app_password';
CREATE DATABASE oversight OWNER oversight_owner;
REVOKE ALL ON DATABASE oversight FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE oversight TO oversight_owner, oversight_app;
-- `oversight migrate` (as the owner) creates the tables and grants the application role its privileges.
