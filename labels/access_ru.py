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
        "Журнал изменений повреждён: нет отметки о последней записи (последняя найденная — №{seq})."
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
    "access.signin.failed": "Неверное имя пользователя или пароль.",
    "access.signin.locked": (
        "Слишком много неудачных попыток: вход заблокирован до {until}. Пароль может сбросить "
        "региональный координатор."
    ),
    "access.signin.disabled": "Учётная запись отключена. Обратитесь к региональному координатору.",
    "access.signin.unknown": (
        "Пользователь {who} не зарегистрирован в системе. Попросите регионального координатора "
        "добавить вас (команда schoolnet users add)."
    ),
    "access.settings.bad_number": (
        "Настройка {name} должна быть целым положительным числом, а не «{value}»."
    ),
    "access.settings.bad_mode": (
        "SCHOOLNET_SIGNIN должен быть off, accounts или oidc, а не «{value}»."
    ),
    "access.settings.oidc_missing": (
        "Вход через OpenID Connect не настроен: в файле {path} нет раздела [auth] с ключами "
        "{keys}."
    ),
    "access.settings.local_only": (
        "Вход не настроен: приложение доступно только с этого компьютера (адрес 127.0.0.1). "
        "Чтобы открыть его для других, настройте вход (SCHOOLNET_SIGNIN, см. README)."
    ),
    "access.settings.refuse_address": (
        "Без настроенного входа приложение слушает только 127.0.0.1, а не «{address}». "
        "Настройте вход (SCHOOLNET_SIGNIN=accounts или oidc, см. README)."
    ),
    "access.settings.no_users": (
        "Вход включён, но пользователей нет: добавьте регионального координатора командой "
        "schoolnet users add ЛОГИН --role regional --password."
    ),
    "access.ui.title": "Вход в schoolnet",
    "access.ui.login": "Имя пользователя",
    "access.ui.password": "Пароль",
    "access.ui.submit": "Войти",
    "access.ui.oidc": "Войти через учётную запись организации",
    "access.ui.logout": "Выйти",
    "access.ui.signed_in": "Вы вошли как {name} ({role})",
    "access.ui.expired": "Сеанс завершён после {n} мин бездействия: войдите снова.",
    "access.ui.group.admin": "Администрирование",
    "access.ui.group.observer": "Сводные показатели",
    "access.ui.page.users": "Пользователи",
    "access.ui.page.audit": "Журнал изменений",
    "access.ui.users.add": "Добавить пользователя",
    "access.ui.users.role": "Роль",
    "access.ui.users.name": "ФИО",
    "access.ui.users.municipalities": "Муниципалитеты (для координатора)",
    "access.ui.users.schools": "Коды школ (для куратора), через ;",
    "access.ui.users.password": (
        "Пароль (для встроенной учётной записи; пусто — вход через организацию)"
    ),
    "access.ui.users.saved": "Сохранено.",
    "access.ui.users.disable": "Отключить пользователя",
    "access.ui.audit.since": "С даты",
    "access.ui.audit.who": "Кто (имя пользователя)",
    "access.ui.audit.action": "Действие",
    "access.ui.audit.verify": "Проверить целостность журнала",
    "access.ui.audit.download": "Скачать журнал (XLSX)",
}
