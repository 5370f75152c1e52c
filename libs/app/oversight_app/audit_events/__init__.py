"""Reading the audit trail of the caller's organization (writing it is :mod:`oversight_app.audit`)."""
