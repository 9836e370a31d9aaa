"""schoolnet analysis: pure computations over the import sheets (see ``analysis/README.md``).

Modules: :mod:`~analysis.settings` (every number), :mod:`~analysis.context` (social index and
bands), :mod:`~analysis.results` (result index, percentiles), :mod:`~analysis.identify`
(statuses and reasons), :mod:`~analysis.pairing` (the exact optimal plan),
:mod:`~analysis.exchange` (are pairs working), :mod:`~analysis.coverage`, and programme
monitoring: :mod:`~analysis.indicators`, :mod:`~analysis.pair_effect` (what pairs achieve,
matched difference in differences) and :mod:`~analysis.monitoring_settings`.
"""

__all__: list[str] = []
