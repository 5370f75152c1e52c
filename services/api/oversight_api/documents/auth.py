from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from oversight_api.auth.caller import require
from oversight_app.caller import Caller
from oversight_app.permissions import Permission

DocumentsRequest = Annotated[Caller, Depends(require(Permission.DOCUMENTS_REQUEST))]
DocumentsUpload = Annotated[Caller, Depends(require(Permission.DOCUMENTS_UPLOAD))]
DocumentsRead = Annotated[Caller, Depends(require(Permission.DOCUMENTS_READ))]
DocumentsAdmin = Annotated[Caller, Depends(require(Permission.DOCUMENTS_ADMIN))]
