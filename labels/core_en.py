"""English messages shared by every area."""

MESSAGES: dict[str, str] = {
    "lang.name": "English",
    "common.yes": "yes",
    "common.no": "no",
}
MESSAGES.update(
    {
        "status.low": "low results",
        "status.strong": "strong",
        "status.resilient": "resilient (strong in poor conditions)",
        "status.regular": "regular",
        "status.insufficient_data": "insufficient data",
        "level.primary": "primary",
        "level.basic": "basic",
        "level.secondary": "secondary",
        "level.evening": "evening",
        "level.other": "other",
        "activity.active": "active",
        "activity.dormant": "dormant",
        "activity.not_started": "not started",
        "label.School": "School",
        "label.Teacher": "Teacher",
        "label.Curator": "Curator",
        "label.Association": "Association",
        "label.Event": "Event",
        "label.Partnership": "Partnership",
        "label.Municipality": "Municipality",
        "label.Region": "Region",
        "label.Result": "Result",
    }
)
MESSAGES.update(
    {
        "network.partnership_title": "Pair {id}",
        "network.more": "{n} more: {kind}",
        "label.More": "Not shown",
    }
)
