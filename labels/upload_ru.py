"""Russian messages of the upload widget (the import page's own size limit)."""

MESSAGES: dict[str, str] = {
    "upload.too_large": (
        "Файл «{name}» ({size} МБ) больше допустимого: не больше {limit} МБ (настройка "
        "SCHOOLNET_MAX_UPLOAD_MB). Разделите данные на несколько файлов и загрузите их вместе."
    ),
}
