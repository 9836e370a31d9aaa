"""Russian messages of sign-in, roles, scopes, users and the audit log."""

MESSAGES: dict[str, str] = {
    "access.role.regional": "региональный координатор",
    "access.role.coordinator": "муниципальный координатор",
    "access.role.curator": "куратор",
    "access.role.observer": "наблюдатель",
    "access.right.view_aggregates": "просмотр сводных показателей",
    "access.right.view_schools": "просмотр сведений о школах",
    "access.right.view_personal": "просмотр персональных данных",
    "access.right.plan": "планирование и утверждение пар",
    "access.right.record_events": "запись мероприятий",
    "access.right.import_data": "загрузка данных",
    "access.right.export_all": "выгрузка всех данных",
    "access.right.manage_users": "управление пользователями",
    "access.right.view_audit": "просмотр журнала изменений",
    "access.right.settings": "изменение настроек",
    "access.denied.right": "Недостаточно прав: действие «{right}» недоступно роли «{role}».",
    "access.denied.scope": (
        "Недостаточно прав: школы вне вашей зоны ответственности ({n}): {schools}. "
        "Ничего не изменено."
    ),
    "access.denied.import_scope": (
        "Загрузка отклонена целиком: строки относятся к муниципалитетам вне вашей зоны "
        "ответственности. {rows}"
    ),
    "access.denied.import_row": "«{sheet}», {id}: {municipality}",
    "access.bad_login": (
        "неверное имя пользователя «{value}»: латинские буквы, цифры и знаки . _ @ + -, "
        "не длиннее 128 символов"
    ),
    "access.bad_role": (
        "неизвестная роль «{value}»: выберите regional, coordinator, curator или observer"
    ),
    "access.coordinator_needs_municipality": (
        "Муниципальному координатору нужен хотя бы один муниципалитет (--municipality)."
    ),
    "access.curator_needs_school": "Куратору нужна хотя бы одна школа (--school, код ОО).",
    "access.unknown_municipality": "Муниципалитеты не найдены в загруженных данных: {names}",
    "access.unknown_school": "Школы с такими кодами не найдены в загруженных данных: {ids}",
    "access.user_exists": "Пользователь «{login}» уже есть; роль меняет команда set-role.",
    "access.no_such_user": "Пользователь «{login}» не найден.",
    "access.cannot_disable_self": "Нельзя отключить собственную учётную запись.",
    "access.password_short": "Пароль слишком короткий: нужно не меньше {n} символов.",
    "audit.verify.ok": "Журнал изменений цел: записей {n}, цепочка подписей сходится.",
    "audit.edited": "Журнал изменений повреждён: запись №{seq} изменена после записи.",
    "audit.removed": "Журнал изменений повреждён: запись №{seq} удалена.",
    "audit.removed_last": "Журнал изменений повреждён: последняя запись №{seq} удалена.",
    "audit.head_missing": (
        "Журнал изменений повреждён: нет отметки о последней записи (последняя найденная — "
        "№{seq})."
    ),
    "cli.users.added": "Пользователь добавлен: {login} ({role})",
    "cli.users.changed": "Роль изменена: {login} ({role})",
    "cli.users.disabled": "Пользователь отключён: {login}",
    "cli.users.enabled": "Пользователь снова включён: {login}",
    "cli.users.password_set": "Пароль задан: {login}",
    "cli.users.need_login": "Укажите имя пользователя (LOGIN).",
    "cli.audit.need_out": "Укажите файл: --out ФАЙЛ (CSV или XLSX).",
    "cli.users.none": "Пользователей пока нет.",
    "cli.users.passwords_differ": "Пароли не совпадают.",
    "cli.audit.written": "Записей журнала: {n}; записано в {out}",
}
