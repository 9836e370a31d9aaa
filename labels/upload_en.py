"""English messages of the upload widget (the import page's own size limit)."""

MESSAGES: dict[str, str] = {
    "upload.too_large": (
        "The file «{name}» ({size} MB) is too large: at most {limit} MB (setting "
        "SCHOOLNET_MAX_UPLOAD_MB). Split the data into several files and upload them together."
    ),
}
