"""Russian words of the region's saved analysis settings."""

MESSAGES: dict[str, str] = {
    "regionsettings.are_region": "Расчёт идёт по настройкам региона.",
    "regionsettings.session_only": (
        "Значения формы ({n} отличаются от настроек региона) действуют только в этом сеансе: "
        "настройки региона меняет региональный координатор."
    ),
    "regionsettings.differ": (
        "Значения формы отличаются от настроек региона ({n}) и действуют только в этом сеансе."
    ),
    "regionsettings.save": "Сохранить как настройки региона",
    "regionsettings.saved": (
        "Настройки региона сохранены: теперь по ним считают все. Изменение записано в журнал."
    ),
}
