"""Импорт данных: upload CSV/XLSX, see every problem before anything is written, then commit."""

from __future__ import annotations

import hashlib

import streamlit as st

from app_streamlit import state
from app_streamlit.components.empty_store import offer_demo
from app_streamlit.components.import_report import issues_frame, report_lines
from app_streamlit.components.tables import present
from labels import t
from labels.formats import fmt_number
from loaders.importer import ImportFailed
from loaders.limits import max_file_bytes, max_file_mb, upload_ceiling_mb

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

st.title(t("ui.page.import"))
for message in st.session_state.pop("import_messages", []):
    st.success(message)
if state.is_empty():
    offer_demo()
    st.divider()

st.markdown(t("ui.import.intro"))
templates = state.template_files()
main = next((n for n in templates if n.endswith(".xlsx")), None)
if main:
    st.download_button(
        t("ui.import.template_xlsx"), templates[main], file_name=main, mime=XLSX, key="tpl_xlsx"
    )
with st.expander(t("ui.import.template_csv")):
    for name, data in templates.items():
        if name != main:
            st.download_button(name, data, file_name=name, mime="text/csv", key=f"tpl_{name}")

# A new key after each import empties the uploader.
round_ = st.session_state.get("import_round", 0)
# Every file type and size is let through: the app says in Russian what is wrong with an .xls,
# a .txt or a file over the limit; the widget's own refusal would be in English. The widget
# (and server.maxUploadSize, set by `schoolnet app`) take files up to twice the limit, and its
# English "… per file" line, which would name that ceiling, is hidden: the caption below says
# the limit.
st.html('<style>[data-testid="stFileUploaderDropzoneInstructions"] {display: none}</style>')
uploaded = st.file_uploader(
    t("ui.import.upload"),
    type=None,
    accept_multiple_files=True,
    help=t("ui.import.upload_help"),
    key=f"import_files_{round_}",
    max_upload_size=upload_ceiling_mb(),
)
st.caption(t("hostile.upload.limit", mb=max_file_mb()))
if not uploaded:
    st.stop()
too_large = [f for f in uploaded if f.size > max_file_bytes()]
for f in too_large:
    st.error(
        t("upload.too_large", name=f.name, size=fmt_number(f.size / 2**20), limit=max_file_mb())
    )
if too_large:
    st.stop()
files = [(f.name, f.getvalue()) for f in uploaded]
signature = hashlib.sha256(b"".join(n.encode() + b"\0" + d for n, d in files)).hexdigest()

# Checking reads every row: do it once per set of files, not on every rerun.
if st.session_state.get("import_signature") != signature:
    with st.spinner(t("ui.import.checking")):
        st.session_state["import_preview"] = state.validate_uploads(files)
    st.session_state["import_signature"] = signature
preview = st.session_state["import_preview"]

st.subheader(t("ui.import.preview"))
if len(preview.counts):
    st.dataframe(present(preview.counts), hide_index=True)
for line in getattr(preview, "boundaries", ()):
    st.info(line)
if len(preview.warnings):
    st.warning(t("ui.import.warnings", n=len(preview.warnings)))
    st.dataframe(issues_frame(preview.warnings), hide_index=True, width="stretch")
if not preview.ok:
    st.error(t("ui.import.has_issues", n=len(preview.issues)))
    st.dataframe(issues_frame(preview.issues), hide_index=True, width="stretch")
    st.stop()

st.success(t("ui.import.ok"))
if st.button(t("ui.import.commit"), type="primary", key="import_commit"):
    try:
        with st.spinner(t("ui.import.writing")):
            report = state.import_uploads(files)
    except ImportFailed as exc:
        st.error(t("ui.import.has_issues", n=len(exc.issues)))
        st.dataframe(issues_frame(exc.issues), hide_index=True, width="stretch")
    else:
        st.session_state["import_messages"] = report_lines(report)
        st.session_state.pop("import_signature", None)
        st.session_state["import_round"] = round_ + 1
        st.rerun()
