// Starts ReDoc on the document this server describes itself with.
Redoc.init("/openapi.json", { hideDownloadButton: false }, document.getElementById("redoc-container"));
