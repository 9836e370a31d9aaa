"""Russian messages of the app at country scale: long tables, maps of many schools."""

MESSAGES: dict[str, str] = {
    "scale.table.page": "Страница (из {pages})",
    "scale.table.note": (
        "Показаны строки {first}–{last} из {n}. Уточните фильтры, чтобы сузить список, "
        "или скачайте всю таблицу."
    ),
    "scale.table.download": "Скачать всю таблицу ({n} строк, CSV)",
    "scale.card.from_page": "Карточка открывается для школ показанной страницы таблицы.",
    "scale.map.aggregated": (
        "Школ на карте {n}: это больше {limit}, поэтому они показаны кругами по "
        "муниципалитетам (размер — число школ, цвет — доля ШНОР без пары). Выберите "
        "муниципалитет или щёлкните круг, чтобы увидеть школы."
    ),
    "scale.map.tip_schools": "Школ: {n}, ШНОР: {low}, без пары: {alone}",
    "scale.map.share_none": "ШНОР без пары нет",
    "scale.map.share_some": "ШНОР без пары: до трети",
    "scale.map.share_many": "ШНОР без пары: больше трети",
}
