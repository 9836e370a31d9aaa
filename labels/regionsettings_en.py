"""English words of the region's saved analysis settings."""

MESSAGES: dict[str, str] = {
    "regionsettings.are_region": "The analysis uses the region's settings.",
    "regionsettings.session_only": (
        "The form's values ({n} differ from the region's settings) apply to this session only: "
        "the regional coordinator changes the region's settings."
    ),
    "regionsettings.differ": (
        "The form's values differ from the region's settings ({n}) and apply to this session "
        "only."
    ),
    "regionsettings.save": "Save as the region's settings",
    "regionsettings.saved": (
        "The region's settings are saved: everyone's analyses use them now. The change is in "
        "the log."
    ),
}
